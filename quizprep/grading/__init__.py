"""Exercises and the numerical autograder. Knows nothing of any UI.

Check authors use `quizprep.grading.api`; faces use `grade`, the catalogue and the workspace.
"""

from __future__ import annotations

from pathlib import Path

from .exercises import CatalogueError, Exercise, find_exercise, load_catalogue
from .limits import Limits
from .result import CheckResult, GradeResult


def grade(exercise: Exercise, file: Path | None = None, *, timeout: float | None = None, limits: Limits = Limits(),
          while_waiting=None) -> GradeResult:
    """Grade the learner's workspace file for an exercise (or `file`); `while_waiting()` runs meanwhile.

    `timeout` overrides `limits.timeout_s` for this grade.
    """
    from .zygote import Launcher

    # the zygote boots while this process and the grading process load numpy and pytest
    launcher = Launcher.hiding(exercise.solution)
    try:
        from .grading_process import grade_file
        from .workspace import workspace_file

        path = Path(file) if file is not None else workspace_file(exercise)
        return grade_file(exercise.checks, path.resolve(), exercise.solution, exercise.id, timeout=timeout, limits=limits,
                          while_waiting=while_waiting, launcher=launcher)
    finally:
        launcher.close()


__all__ = ["CatalogueError", "CheckResult", "Exercise", "GradeResult", "Limits", "find_exercise", "grade", "load_catalogue"]
