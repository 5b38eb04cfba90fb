"""What can go wrong with the progress store, as exceptions whose message is one line for the learner.

SQLite's own errors are sorted here into damage (the file is not a database, or is corrupt), busy
(another program holds a lock for longer than the store waits) and everything else the learner can
fix (permissions, a full disk, an unusable folder).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

DAMAGE_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})


class StoreError(RuntimeError):
    """The store cannot do what was asked; the message is one line saying why and what to do."""


class ReadOnlyStore(StoreError):
    """The store was opened read-only (written by a newer quizprep) and cannot record anything."""


class StoreBusy(StoreError):
    """Another program held the database locked for longer than the store waits."""


class StoreUnavailable(StoreError):
    """The database cannot be opened or written: permissions, a full disk, an unusable folder."""


def primary_code(err: sqlite3.Error) -> int | None:
    """SQLite's primary result code of an error (extended codes folded), or None when it has none."""
    code = getattr(err, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_damage(err: sqlite3.Error) -> bool:
    """True only for errors that mean the file itself is damaged."""
    return primary_code(err) in DAMAGE_CODES


def explain(err: sqlite3.Error, path: Path, waited_s: float) -> StoreError:
    """A one-line StoreError for a SQLite error that is not damage."""
    code = primary_code(err)
    if code in BUSY_CODES:
        return StoreBusy(f"{path} is locked by another program (waited {waited_s:g} s) — close other quizprep windows "
                         "or programs using it and try again")
    if code == sqlite3.SQLITE_FULL:
        return StoreUnavailable(f"cannot save to {path}: the disk is full — free some space and try again")
    if code == sqlite3.SQLITE_READONLY:
        return StoreUnavailable(f"cannot save to {path}: it is read-only — make it writable (chmod u+w) or set QUIZPREP_HOME elsewhere")
    if code in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH):
        return StoreUnavailable(f"cannot open {path} — check that its folder exists and is yours to write, or set QUIZPREP_HOME")
    if code == sqlite3.SQLITE_IOERR:
        return StoreUnavailable(f"cannot read or write {path} ({err}) — check the disk and try again")
    return StoreUnavailable(f"cannot use {path} ({err}) — check the file and its folder")
