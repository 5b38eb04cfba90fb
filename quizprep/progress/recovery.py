"""Deciding whether the progress file is damaged, and rescuing it, one process at a time.

Only SQLite's "not a database" / corruption answers (or a failed quick_check) count as damage; a file
that is merely locked by another program is healthy and is never moved. The rescue — check again,
move the file (with its -wal/-shm) aside, create the fresh one — runs under an exclusive lock on a
sibling `.lock` file, so processes opening a damaged store together rescue it once and none of them
moves aside a fresh file another one has already written to.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import StoreUnavailable, explain, is_damage

HEADER = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm")


def connect(path: Path, *, timeout_s: float, read_only: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) that waits `timeout_s` for locks."""
    target = f"{path.as_uri()}?mode=ro" if read_only else str(path)
    db = sqlite3.connect(target, uri=read_only, isolation_level=None, timeout=timeout_s, check_same_thread=False)
    db.row_factory = sqlite3.Row
    db.execute(f"PRAGMA busy_timeout = {int(timeout_s * 1000)}")
    return db


def is_damaged(path: Path, *, timeout_s: float) -> bool:
    """True when the file is not a database or fails quick_check; a locked file raises StoreBusy instead."""
    try:
        if is_fresh(path):
            return False
        with open(path, "rb") as f:
            if f.read(16) != HEADER:
                return True  # not a database at all: decided without letting SQLite touch the -wal
    except FileNotFoundError:
        return False  # moved aside by another process's rescue just now: a fresh one is being made
    except OSError as err:
        raise StoreUnavailable(f"cannot read {path} ({err.strerror or err}) — check its permissions") from None
    try:
        db = connect(path, timeout_s=timeout_s, read_only=True)
        try:
            return db.execute("PRAGMA quick_check").fetchone()[0] != "ok"
        finally:
            db.close()
    except sqlite3.Error as err:
        if is_damage(err):
            return True
        raise explain(err, path, timeout_s) from None


def is_fresh(path: Path) -> bool:
    """True when there is no database yet (no file, or an empty one being created)."""
    try:
        return path.stat().st_size == 0
    except FileNotFoundError:
        return True


def orphan_logs(path: Path) -> list[Path]:
    """A -wal/-shm left without its database (the database itself was removed)."""
    if path.exists():
        return []
    return [side for side in (path.with_name(path.name + s) for s in SIDE_FILES) if side.exists()]


@contextmanager
def rescue_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `<db>.lock` (where the platform has fcntl) for the whole rescue."""
    try:
        import fcntl
    except ImportError:  # no POSIX locks: the re-check under the rescue still narrows the race
        yield
        return
    with open(path.with_name(path.name + ".lock"), "a") as f:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def _free_name(path: Path, label: str, stamp: str) -> Path:
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 1
    while any(p.exists() for p in (target, *(target.with_name(target.name + s) for s in SIDE_FILES))):
        target = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
        n += 1
    return target


def move_aside(path: Path, stamp: str) -> Path:
    """Rename a damaged file and its -wal/-shm to `<db>.damaged-<stamp>`; nothing is deleted."""
    target = _free_name(path, "damaged", stamp)
    for suffix in SIDE_FILES:  # the logs first: a file seen without its log is then never mistaken for an orphan log
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.replace(target.with_name(target.name + suffix))
    path.replace(target)
    return target


def keep_orphan_logs(path: Path, stamp: str) -> list[Path]:
    """Rename a -wal/-shm found without its database to `<db>.orphan-<stamp>-wal` (and -shm), so SQLite never
    drops it; returns the new names."""
    logs = orphan_logs(path)
    if not logs:
        return []
    target = _free_name(path, "orphan", stamp)
    kept = []
    for side in logs:
        kept.append(target.with_name(target.name + side.name[len(path.name):]))
        side.replace(kept[-1])
    return kept


def newest_backup(folder: Path) -> Path | None:
    """The most recent backup in a backups folder, if any."""
    found = sorted(folder.glob("progress-*.db")) if folder.is_dir() else []
    return found[-1] if found else None


def restore_hint(folder: Path) -> str:
    """Where the backups are and the command that restores the newest, for the notice after a rescue."""
    newest = newest_backup(folder)
    if newest is None:
        return f"there is no backup yet (backups are kept in {folder})"
    return f"backups are in {folder}; restore the newest with: quizprep import {newest}"
