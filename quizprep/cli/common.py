"""Small things every verb shares: usage errors, the progress store, notices, and saving without tracebacks."""

from __future__ import annotations

import sqlite3
import sys


class UsageError(Exception):
    """A bad command line: printed as one line, exit status 2."""


class Failure(Exception):
    """Something outside the command line stopped the verb (a busy or unwritable store): one line, exit status 1."""


def open_store(*, writing: bool = False):
    """The progress store, with its notices (damaged file moved aside, read-only) said once; a store
    that cannot be opened — or, for a verb that is `writing`, cannot record — is a one-line Failure."""
    from ..progress import ProgressStore, StoreError

    try:
        store = ProgressStore()
    except StoreError as err:
        raise Failure(str(err)) from None
    if writing and store.read_only:
        store.close()
        raise Failure(f"nothing was saved: {store.notices[-1]}")
    for notice in store.notices:
        print(f"quizprep: {notice}", file=sys.stderr)
    return store


def saving(write, *args, **kwargs):
    """Call a store write whose failure ends the verb: a StoreError becomes a Failure (one line, exit 1)."""
    from ..progress import StoreError

    try:
        return write(*args, **kwargs)
    except StoreError as err:
        raise Failure(f"nothing was saved: {err}") from None


def record(write, *args, say_later: list[str] | None = None, **kwargs):
    """Call a store write; a read-only, busy or full store is reported (now, or appended to `say_later`
    for the caller to print after its result), never fatal. Returns the write's result or None."""
    from ..progress import StoreError

    try:
        return write(*args, **kwargs)
    except StoreError as err:
        _say(f"quizprep: not recorded: {err}", say_later)
        return None


def _say(line: str, later: list[str] | None) -> None:
    if later is None:
        print(line, file=sys.stderr)
    else:
        later.append(line)


def record_grade(services, exercise_id: str, result, *, say_later: list[str] | None = None, source=None) -> None:
    """Record a grade (and, given it, the graded `source`: see Services.record_grade) through the application layer,
    saying (now, or appended to `say_later`) when it could not be recorded or when something other than quizprep
    changed the progress file meanwhile."""
    warning = record(services.record_grade, exercise_id, result, source, say_later=say_later)
    if warning:
        _say(f"quizprep: {warning}", say_later)


def database_error(err: sqlite3.Error) -> str:
    """One line for a SQLite error that reached a verb (a lock held too long, a full disk, a damaged file)."""
    from ..paths import home
    from ..progress.errors import explain, is_damage
    from ..progress.store import BUSY_TIMEOUT_MS

    path = home() / "progress.db"
    if is_damage(err):
        return f"{path} is damaged — run quizprep again to move it aside and start afresh"
    return str(explain(err, path, BUSY_TIMEOUT_MS / 1000))
