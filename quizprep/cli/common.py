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


def record(store, method: str, *args, **kwargs) -> None:
    """Record something in the store; a read-only store is reported, never fatal."""
    from ..progress import ReadOnlyStore

    try:
        getattr(store, method)(*args, **kwargs)
    except ReadOnlyStore as err:
        print(f"quizprep: not recorded: {err}", file=sys.stderr)
