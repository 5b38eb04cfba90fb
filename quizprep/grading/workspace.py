"""The learner's own copies of the stubs, under the quizprep home; tracked files are never edited."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from ..paths import home
from .exercises import Exercise


def workspace_dir() -> Path:
    return home() / "workspace"


def workspace_file(exercise: Exercise) -> Path:
    """The learner's file for an exercise, created from the stub on first use."""
    path = workspace_dir() / f"{exercise.id}.py"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".py.tmp")
        shutil.copyfile(exercise.stub, tmp)
        tmp.replace(path)
    return path


def is_started(exercise: Exercise) -> bool:
    """True once the learner's file differs from the stub."""
    path = workspace_dir() / f"{exercise.id}.py"
    return path.exists() and path.read_bytes() != exercise.stub.read_bytes()


def reset(exercise: Exercise) -> Path | None:
    """Restore the stub; return where the overwritten file was backed up (None if nothing to keep)."""
    path = workspace_dir() / f"{exercise.id}.py"
    backup = None
    if path.exists() and path.read_bytes() != exercise.stub.read_bytes():
        stamp = time.strftime("%Y%m%d-%H%M%S")
        backup = workspace_dir() / "backups" / f"{exercise.id}-{stamp}.py"
        backup.parent.mkdir(parents=True, exist_ok=True)
        n = 1
        while backup.exists():
            backup = backup.with_name(f"{exercise.id}-{stamp}-{n}.py")
            n += 1
        shutil.copyfile(path, backup)
    if path.exists():
        path.unlink()
    workspace_file(exercise)
    return backup


def exercise_status(exercise: Exercise, last_status: str | None) -> str:
    """not started / started / failing / passed, from the last grade's status and the workspace."""
    if last_status is not None:
        return "passed" if last_status == "pass" else "failing"
    return "started" if is_started(exercise) else "not started"
