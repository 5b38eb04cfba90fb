"""The progress store: one SQLite file under the quizprep home, written so no learner work is lost.

WAL mode and a busy timeout let two quizprep processes write at once; every write is its own short
`BEGIN IMMEDIATE` transaction, committed when the thing happens. A damaged file is moved aside (with
its -wal/-shm), never deleted; a file from a newer quizprep is opened read-only; healthy files are
backed up now and then.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from ..paths import home
from .schema import CURRENT_VERSION, MIGRATIONS

BUSY_TIMEOUT_MS = 10_000
BACKUPS_KEPT = 5
BACKUP_EVERY_S = 24 * 3600


class ReadOnlyStore(RuntimeError):
    """The store was opened read-only (written by a newer quizprep) and cannot record anything."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """ISO 8601 in UTC, the one timestamp format in the store and in exports."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def new_uid() -> str:
    return uuid.uuid4().hex


class ProgressStore:
    """Opens (creating, migrating or rescuing) `progress.db` and records answers, grades and events."""

    def __init__(self, path: Path | None = None, *, clock: Callable[[], datetime] = utc_now, backups: bool = True) -> None:
        self.path = Path(path) if path is not None else home() / "progress.db"
        self.clock = clock
        self.notices: list[str] = []
        self.read_only = False
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = self._open()
        if backups and not self.read_only:
            self._maybe_backup()

    # -- opening -------------------------------------------------------------------------------
    def _connect(self, read_only: bool = False) -> sqlite3.Connection:
        if read_only:
            db = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                                 check_same_thread=False)
        else:
            db = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        db.row_factory = sqlite3.Row
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return db

    def _healthy(self) -> bool:
        with open(self.path, "rb") as f:
            if f.read(16) != b"SQLite format 3\x00":
                return False  # not a database at all: decided without letting SQLite touch the -wal
        try:
            db = self._connect(read_only=True)
            try:
                ok = db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            finally:
                db.close()
            return ok
        except sqlite3.DatabaseError:
            return False

    def _open(self) -> sqlite3.Connection:
        if self.path.exists() and self.path.stat().st_size > 0 and not self._healthy():
            saved = self._move_aside()
            self.notices.append(f"your progress database was damaged; it was moved to {saved} and a fresh one was started")
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
                db.execute("ROLLBACK")
                raise
            version = db.execute("PRAGMA user_version").fetchone()[0]

    def _move_aside(self) -> Path:
        stamp = self.clock().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        n = 1
        while target.exists():
            target = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{n}")
            n += 1
        for suffix in ("-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                side.replace(target.with_name(target.name + suffix))
        self.path.replace(target)
        return target

    def _maybe_backup(self) -> None:
        folder = self.path.parent / "backups"
        existing = sorted(folder.glob("progress-*.db")) if folder.exists() else []
        now = self.clock()
        if existing and now.timestamp() - existing[-1].stat().st_mtime < BACKUP_EVERY_S:
            return
        if not self.db.execute("SELECT 1 FROM answers UNION ALL SELECT 1 FROM grades LIMIT 1").fetchone():
            return  # nothing worth keeping yet
        folder.mkdir(exist_ok=True)
        target = folder / f"progress-{now.strftime('%Y%m%d-%H%M%S')}.db"
        dest = sqlite3.connect(target)
        try:
            self.db.backup(dest)
        finally:
            dest.close()
        for old in sorted(folder.glob("progress-*.db"))[:-BACKUPS_KEPT]:
            old.unlink()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One short immediate transaction; committed on exit, rolled back on error."""
        if self.read_only:
            raise ReadOnlyStore(self.notices[-1] if self.notices else "the progress store is read-only")
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def record_grade(self, exercise_id: str, status: str, passed: int, total: int, duration_s: float,
                     *, at: datetime | None = None, uid: str | None = None) -> str:
        """Record one grade; returns its uid."""
        uid = uid or new_uid()
        with self.write() as db:
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
        return self.db.execute("SELECT COUNT(*) FROM events WHERE kind = ? AND ref = ?", (kind, ref)).fetchone()[0]

    def grades_for(self, exercise_id: str) -> list[sqlite3.Row]:
        """Every grade of an exercise, oldest first."""
        return self.db.execute("SELECT * FROM grades WHERE exercise_id = ? ORDER BY graded_at, id", (exercise_id,)).fetchall()

    def last_grades(self) -> dict[str, sqlite3.Row]:
        """The latest grade of each exercise."""
        rows = self.db.execute(
            "SELECT g.* FROM grades g JOIN (SELECT exercise_id, MAX(id) AS id FROM grades GROUP BY exercise_id) last ON g.id = last.id"
        ).fetchall()
        return {r["exercise_id"]: r for r in rows}

    def settings(self):
        """The learner's scheduling settings (defaults where unset)."""
        from .scheduler import Settings

        rows = self.db.execute("SELECT key, value FROM settings").fetchall()
        return Settings.from_strings({r["key"]: r["value"] for r in rows})

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
        with self.write() as db:
            db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       (f"pref.{key}", value))

    def interview_date(self):
        """The date of the learner's interview, if they gave one."""
        from datetime import date

        row = self.db.execute("SELECT value FROM settings WHERE key = 'interview_date'").fetchone()
        return date.fromisoformat(row["value"]) if row else None

    def set_interview_date(self, day) -> None:
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
        return self.db.execute("SELECT * FROM flags ORDER BY flagged_at, id").fetchall()

    def ever_passed(self, exercise_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM grades WHERE exercise_id = ? AND status = 'pass' LIMIT 1",
                               (exercise_id,)).fetchone() is not None


def _statements(script: str) -> list[str]:
    """Split a migration into statements (migrations hold no semicolons inside literals)."""
    return [s.strip() for s in script.split(";") if s.strip()]
