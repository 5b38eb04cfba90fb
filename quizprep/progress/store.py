"""The progress store: one SQLite file under the quizprep home, written so no learner work is lost.

WAL mode and a busy timeout let two quizprep processes write at once; every write is its own short
`BEGIN IMMEDIATE` transaction, committed when the thing happens. A damaged file is moved aside (with
its -wal/-shm), never deleted, and never a file that is only locked; a file from a newer quizprep is
opened read-only; healthy files are backed up now and then. Every write signs the file's change
counter, so a write made by anything else is noticed (`changed_elsewhere`).
"""

from __future__ import annotations

import os
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from ..paths import home
from . import recovery
from .errors import ReadOnlyStore, StoreBusy, StoreError, StoreUnavailable, explain, primary_code
from .migrations import CURRENT_VERSION, MIGRATIONS

__all__ = ["ProgressStore", "ReadOnlyStore", "StoreBusy", "StoreError", "StoreUnavailable", "iso", "new_uid", "utc_now"]

BUSY_TIMEOUT_MS = 10_000
BACKUPS_KEPT = 5
BACKUP_EVERY_S = 24 * 3600
# SQLite errors a write turns into a one-line StoreError; anything else (a constraint, a bug) propagates as is
_WRITE_FAILURES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_FULL, sqlite3.SQLITE_READONLY,
                             sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CORRUPT,
                             sqlite3.SQLITE_NOTADB})


def utc_now() -> datetime:
    """The current moment, in UTC."""
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """ISO 8601 in UTC, the one timestamp format in the store and in exports."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def new_uid() -> str:
    """A fresh random uid for a row."""
    return uuid.uuid4().hex


class ProgressStore:
    """Opens (creating, migrating or rescuing) `progress.db` and records answers, grades and events."""

    def __init__(self, path: Path | None = None, *, clock: Callable[[], datetime] = utc_now, backups: bool = True) -> None:
        self.path = Path(path) if path is not None else home() / "progress.db"
        self.clock = clock
        self.notices: list[str] = []
        self.read_only = False
        self._told_outside = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreUnavailable(f"cannot use {self.path.parent} for your progress ({err.strerror or err}) — "
                                   "set QUIZPREP_HOME to a folder you can write") from None
        self.db = self._open()
        self._inode = self._file_id()
        outside = None if self.read_only else self.changed_elsewhere()  # a newer quizprep may count changes otherwise
        if outside:
            self._told_outside = True
            self.notices.append(f"{outside} since quizprep last wrote to it")
        bad = self._valid_settings()[1]
        if bad:  # e.g. imported by an older quizprep that did not check them
            self.notices.append(f"{self.path} holds setting(s) that are not valid: {', '.join(bad)}; the defaults are used — "
                                "`quizprep config KEY VALUE` sets them")
        if backups and not self.read_only:
            self._maybe_backup()

    @property
    def backups_folder(self) -> Path:
        """Where the automatic backups of this store are kept."""
        return self.path.parent / "backups"

    # -- opening -------------------------------------------------------------------------------
    def _connect(self, read_only: bool = False) -> sqlite3.Connection:
        return recovery.connect(self.path, timeout_s=BUSY_TIMEOUT_MS / 1000, read_only=read_only)

    def _open(self) -> sqlite3.Connection:
        timeout_s = BUSY_TIMEOUT_MS / 1000
        fresh = recovery.is_fresh(self.path)
        if not fresh and not recovery.orphan_logs(self.path) and not recovery.is_damaged(self.path, timeout_s=timeout_s):
            return self._setup()
        try:
            return self._create_or_rescue(timeout_s)
        except OSError as err:  # the folder refuses the lock file or the renames
            raise StoreUnavailable(f"cannot create or repair {self.path} ({err.strerror or err}) — "
                                   "check that its folder is yours to write, or set QUIZPREP_HOME") from None

    def _create_or_rescue(self, timeout_s: float) -> sqlite3.Connection:
        """One process at a time, checking again (another may have done it meanwhile)."""
        with recovery.rescue_lock(self.path):
            stamp = self.clock().strftime("%Y%m%d-%H%M%S")
            kept = recovery.keep_orphan_logs(self.path, stamp)
            if kept:
                self.notices.append(f"a write-ahead log was found without its database; it was kept as {' and '.join(map(str, kept))} "
                                    "and a fresh database was started")
            if recovery.is_damaged(self.path, timeout_s=timeout_s):
                saved = recovery.move_aside(self.path, stamp)
                self.notices.append(f"your progress database was damaged; it was moved to {saved} and a fresh one was started — "
                                    + recovery.restore_hint(self.backups_folder))
            return self._setup()

    def _setup(self) -> sqlite3.Connection:
        """Connect, refuse to write a newer schema, switch to WAL and migrate; errors become one line.

        SQLite answers "busy" at once, without waiting, when two connections would otherwise deadlock
        (both switching a new file to WAL); that is retried until the busy timeout has passed.
        """
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                return self._setup_once()
            except StoreBusy:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)

    def _setup_once(self) -> sqlite3.Connection:
        db = None
        try:
            db = self._connect()
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > CURRENT_VERSION:
                db.close()
                self.read_only = True
                self.notices.append(f"{self.path} was written by a newer quizprep (schema {version}, this one knows {CURRENT_VERSION}); "
                                    "it is open read-only — upgrade quizprep to record progress")
                return self._connect(read_only=True)
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")  # in WAL mode: survives the process being killed at any point
            db.execute("PRAGMA foreign_keys = ON")
            self._migrate(db, version)
            return db
        except sqlite3.Error as err:
            if db is not None:
                db.close()
            raise explain(err, self.path, BUSY_TIMEOUT_MS / 1000) from None

    def _migrate(self, db: sqlite3.Connection, version: int) -> None:
        while version < CURRENT_VERSION:
            db.execute("BEGIN IMMEDIATE")
            try:
                current = db.execute("PRAGMA user_version").fetchone()[0]  # another process may have migrated
                if current == version:
                    for statement in _statements(MIGRATIONS[version]):
                        db.execute(statement)
                    db.execute(f"PRAGMA user_version = {version + 1}")
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
            version = db.execute("PRAGMA user_version").fetchone()[0]

    # -- writes made elsewhere -----------------------------------------------------------------
    def _file_id(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_dev, st.st_ino)

    def _counter(self) -> tuple[int, int] | None:
        try:
            rows = dict(self.db.execute("SELECT key, value FROM meta WHERE key IN ('changes', 'signed')").fetchall())
        except sqlite3.Error:
            return None  # a newer schema without the counter, or a file too damaged to say
        return rows.get("changes", 0), rows.get("signed", 0)

    def changed_elsewhere(self) -> str | None:
        """One line saying how the file was changed by something other than quizprep, or None if it was not."""
        if self._file_id() != self._inode:
            return f"{self.path} was replaced or removed by another program while quizprep had it open"
        counter = self._counter()
        if counter is not None and counter[0] != counter[1]:
            return f"{self.path} was changed by a program other than quizprep ({counter[0] - counter[1]} row change(s))"
        return None

    def _maybe_backup(self) -> None:
        folder = self.backups_folder
        newest = recovery.newest_backup(folder)
        now = self.clock()
        if newest is not None and now.timestamp() - newest.stat().st_mtime < BACKUP_EVERY_S:
            return
        if not self.db.execute("SELECT 1 FROM answers UNION ALL SELECT 1 FROM grades LIMIT 1").fetchone():
            return  # nothing worth keeping yet
        target = folder / f"progress-{now.strftime('%Y%m%d-%H%M%S')}.db"
        try:
            folder.mkdir(exist_ok=True)
            dest = sqlite3.connect(target)
            try:
                self.db.backup(dest)
            finally:
                dest.close()
        except (OSError, sqlite3.Error) as err:  # a backup that cannot be taken must not keep the learner from studying
            target.unlink(missing_ok=True)
            self.notices.append(f"could not back up your progress to {folder} ({err}) — your progress itself is safe")
            return
        for old in sorted(folder.glob("progress-*.db"))[:-BACKUPS_KEPT]:
            old.unlink()

    def close(self) -> None:
        """Close the connection (every write is already committed)."""
        self.db.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One short immediate transaction, signed and committed on exit, rolled back on error.

        Busy, full, read-only and damaged databases raise a StoreError with a one-line message.
        """
        if self.read_only:
            raise ReadOnlyStore(self.notices[-1] if self.notices else "the progress store is read-only")
        if self._file_id() != self._inode:  # a write now would land in a file nobody will read again
            raise StoreUnavailable(f"{self.path} was replaced or removed by another program while quizprep had it open — "
                                   "run quizprep again to use the file that is there now")
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as err:
            raise self._write_error(err) from None
        try:
            counter = self._counter()
            if counter is not None and counter[0] != counter[1] and not self._told_outside:
                self._told_outside = True  # this write signs the file: say once what it is taking as it is
                self.notices.append(f"{self.path} was changed by a program other than quizprep ({counter[0] - counter[1]} row change(s))")
            yield self.db
            self.db.execute("UPDATE meta SET value = (SELECT value FROM meta WHERE key = 'changes') WHERE key = 'signed'")
            self.db.execute("COMMIT")
        except BaseException as err:
            if self.db.in_transaction:
                try:
                    self.db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # SQLite already rolled back (a full disk does that); nothing was written
            if isinstance(err, sqlite3.Error) and primary_code(err) in _WRITE_FAILURES:
                raise self._write_error(err) from None
            raise

    def _write_error(self, err: sqlite3.Error) -> StoreError:
        if primary_code(err) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
            return StoreUnavailable(f"{self.path} is damaged — run quizprep again to move it aside and start afresh; "
                                    f"backups are in {self.backups_folder}")
        return explain(err, self.path, BUSY_TIMEOUT_MS / 1000)

    def record_grade(self, exercise_id: str, status: str, passed: int, total: int, duration_s: float,
                     *, at: datetime | None = None, uid: str | None = None) -> str:
        """Record one grade in a transaction of its own; returns its uid."""
        with self.write() as db:
            return self.insert_grade(db, exercise_id, status, passed, total, duration_s, at=at, uid=uid)

    def insert_grade(self, db: sqlite3.Connection, exercise_id: str, status: str, passed: int, total: int, duration_s: float,
                     *, at: datetime | None = None, uid: str | None = None) -> str:
        """Write one grade row inside the caller's `write()` transaction; returns its uid."""
        uid = uid or new_uid()
        db.execute("INSERT OR IGNORE INTO grades (uid, exercise_id, status, passed, total, duration_s, graded_at) "
                   "VALUES (?,?,?,?,?,?,?)",
                   (uid, exercise_id, status, passed, total, duration_s, iso(at or self.clock())))
        return uid

    def record_event(self, kind: str, ref: str, detail: str = "", *, at: datetime | None = None, uid: str | None = None) -> str:
        """Record a small event (a hint shown, a solution unlocked)."""
        uid = uid or new_uid()
        with self.write() as db:
            db.execute("INSERT OR IGNORE INTO events (uid, kind, ref, detail, at) VALUES (?,?,?,?,?)",
                       (uid, kind, ref, detail, iso(at or self.clock())))
        return uid

    # -- reading -------------------------------------------------------------------------------
    def count_events(self, kind: str, ref: str) -> int:
        """How many events of a kind were recorded for a ref."""
        return self.db.execute("SELECT COUNT(*) FROM events WHERE kind = ? AND ref = ?", (kind, ref)).fetchone()[0]

    def last_grades(self) -> dict[str, sqlite3.Row]:
        """The latest grade of each exercise."""
        rows = self.db.execute(
            "SELECT g.* FROM grades g JOIN (SELECT exercise_id, MAX(id) AS id FROM grades GROUP BY exercise_id) last ON g.id = last.id"
        ).fetchall()
        return {r["exercise_id"]: r for r in rows}

    def settings(self):
        """The learner's scheduling settings (defaults where unset, or where the stored value is not valid)."""
        from .scheduler import Settings

        return Settings.from_strings(self._valid_settings()[0])

    def _valid_settings(self) -> tuple[dict[str, str], list[str]]:
        from .scheduler import SETTING_RANGES, validate_setting

        good, bad = {}, []
        for r in self.db.execute("SELECT key, value FROM settings").fetchall():
            if r["key"] in SETTING_RANGES:
                try:
                    good[r["key"]] = validate_setting(r["key"], r["value"])
                except ValueError:
                    bad.append(f"{r['key']} = {r['value']!r}")
        return good, bad

    def set_setting(self, key: str, value: str) -> None:
        """Set one setting (validated: raises ValueError with what is allowed)."""
        from .scheduler import validate_setting

        value = validate_setting(key, value)
        with self.write() as db:
            db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       (key, value))

    def preference(self, key: str) -> str | None:
        """A free-form preference of the faces (e.g. the UI theme), kept beside the settings."""
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", (f"pref.{key}",)).fetchone()
        return row["value"] if row else None

    def set_preference(self, key: str, value: str) -> None:
        """Keep a free-form preference of the faces."""
        with self.write() as db:
            db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       (f"pref.{key}", value))

    def interview_date(self):
        """The date of the learner's interview, if they gave one."""
        from datetime import date

        row = self.db.execute("SELECT value FROM settings WHERE key = 'interview_date'").fetchone()
        return date.fromisoformat(row["value"]) if row else None

    def set_interview_date(self, day) -> None:
        """Remember the date of the learner's interview."""
        with self.write() as db:
            db.execute("INSERT INTO settings (key, value) VALUES ('interview_date', ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (day.isoformat(),))

    def flag_question(self, question_id: str, reason: str, note: str = "", *, at: datetime | None = None, uid: str | None = None) -> str:
        """Flag a question as wrong or unclear; kept in a list the learner can export."""
        uid = uid or new_uid()
        with self.write() as db:
            db.execute("INSERT OR IGNORE INTO flags (uid, question_id, reason, note, flagged_at) VALUES (?,?,?,?,?)",
                       (uid, question_id, reason, note, iso(at or self.clock())))
        return uid

    def flags(self) -> list[sqlite3.Row]:
        """Every flag, oldest first."""
        return self.db.execute("SELECT * FROM flags ORDER BY flagged_at, id").fetchall()

    def remove_flag(self, question_id: str) -> int:
        """Remove the flags of a question; returns how many there were (0: it was not flagged)."""
        with self.write() as db:
            return db.execute("DELETE FROM flags WHERE question_id = ?", (question_id,)).rowcount

    def undo_answer(self, uid: str) -> sqlite3.Row | None:
        """Take back the answer recorded with `uid` and put its card back as if it had never been given.

        Only that answer goes, whoever answered since; answers to the same question recorded after it
        (another session's) are replayed onto the restored card, so their reviews still count. Returns
        the undone row, or None when no answer has that uid.
        """
        with self.write() as db:
            row = db.execute("SELECT * FROM answers WHERE uid = ?", (uid,)).fetchone()
            if row is None:
                return None
            if row["card_before"] is not None:  # the answer moved its card (practice answers do not)
                from .undo import restore_card

                restore_card(db, row, self.settings())
            db.execute("DELETE FROM answers WHERE id = ?", (row["id"],))
        return row

    def ever_passed(self, exercise_id: str) -> bool:
        """True once any grade of the exercise was a pass."""
        return self.db.execute("SELECT 1 FROM grades WHERE exercise_id = ? AND status = 'pass' LIMIT 1",
                               (exercise_id,)).fetchone() is not None


def _statements(script: str) -> list[str]:
    """Split a migration into statements, keeping a trigger's body (which holds semicolons) whole."""
    out, pending = [], ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                out.append(pending.strip())
            pending = ""
    if pending.strip(" \n;"):
        out.append(pending.strip())
    return out
