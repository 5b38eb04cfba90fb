"""Small things every verb shares: usage errors, the progress store, notices."""

from __future__ import annotations

import sys


class UsageError(Exception):
    """A bad command line: printed as one line, exit status 2."""


def open_store():
    """The progress store, with its notices (damaged file moved aside, read-only) said once."""
    from ..progress import ProgressStore

    store = ProgressStore()
    for notice in store.notices:
        print(f"quizprep: {notice}", file=sys.stderr)
    return store


def record(write, *args, **kwargs):
    """Call a store write; a read-only store is reported, never fatal. Returns the write's result or None."""
    from ..progress import ReadOnlyStore

    try:
        return write(*args, **kwargs)
    except ReadOnlyStore as err:
        print(f"quizprep: not recorded: {err}", file=sys.stderr)
        return None


def record_grade(store, exercise_id: str, result) -> None:
    """Record a grade (a pass also schedules the exercise's next review)."""
    from ..progress.reviews import record_exercise_grade

    record(record_exercise_grade, store, exercise_id, result.status, result.passed, len(result.checks), result.duration_s)
