"""Where things live: the learner's home (all mutable state) and the built-in content.

Built-in banks and exercises (one folder each: stub, solution, checks) come from the checkout when
quizprep runs from one, and from the copies installed inside the package otherwise.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT = PACKAGE_DIR.parent
_INSTALLED = PACKAGE_DIR / "_data"
CONTENT_DIRS = ("question_bank", "exercises")


def content_dir(name: str) -> Path:
    """The folder of built-in content `name` (one of CONTENT_DIRS)."""
    if name not in CONTENT_DIRS:
        raise ValueError(f"unknown content folder {name!r}")
    if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / name).is_dir():
        return _CHECKOUT / name
    return _INSTALLED / name


def home() -> Path:
    """The folder that holds all mutable state: $QUIZPREP_HOME, else the user data dir."""
    env = os.environ.get("QUIZPREP_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("quizprep", appauthor=False))


def _env_dirs(name: str) -> list[Path]:
    return [Path(p).expanduser() for p in os.environ.get(name, "").split(os.pathsep) if p]


def _unique(paths: list[Path]) -> list[Path]:
    seen, out = set(), []
    for p in paths:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def bank_paths(extra: Sequence[Path] = ()) -> list[Path]:
    """The folders whose banks the app loads: the built-in ones, then $QUIZPREP_HOME/banks,
    $QUIZPREP_BANKS and `extra` (--banks), each once."""
    mine = home() / "banks"
    extra = ([mine] if mine.is_dir() else []) + _env_dirs("QUIZPREP_BANKS") + [Path(p).expanduser() for p in extra]
    return _unique([content_dir("question_bank"), *extra])


def exercise_pack_paths(extra: Sequence[Path] = ()) -> list[Path]:
    """Folders of your own exercises: $QUIZPREP_HOME/exercises, $QUIZPREP_EXERCISES and `extra` (--exercises)."""
    mine = home() / "exercises"
    return _unique(([mine] if mine.is_dir() else []) + _env_dirs("QUIZPREP_EXERCISES") + [Path(p).expanduser() for p in extra])


def source_label(path: str | Path) -> str:
    """Where a bank or exercise comes from, as shown to the learner: 'built-in' or its folder."""
    path = Path(path).resolve()
    for name in ("question_bank", "exercises"):
        if content_dir(name).resolve() in path.parents:
            return "built-in"
    folder = path.parent
    try:
        return "~/" + str(folder.relative_to(Path.home()))
    except ValueError:
        return str(folder)
