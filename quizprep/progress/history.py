"""Every graded version of the learner's file: its source and the grade it got, per exercise.

A version is recorded wherever a grade is (`Services.record_grade` with the graded source), in the
`versions` table. It is bounded: a version whose source is the same as the exercise's latest one is
not stored again, a source over `MAX_SOURCE_BYTES` is not stored at all, and only the newest
`KEPT_PER_EXERCISE` versions of each exercise are kept. Exports carry the table (transfer.py).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from .store import ProgressStore, iso, new_uid

KEPT_PER_EXERCISE = 200
MAX_SOURCE_BYTES = 256 * 1024  # a learner's file is a few kB; anything far larger is data, not a version worth keeping


@dataclass(frozen=True)
class GradedVersion:
    """One graded version: `number` counts from 1 (the oldest kept), `graded_at` is in UTC."""

    number: int
    uid: str
    exercise_id: str
    graded_at: datetime
    status: str
    passed: int
    total: int
    duration_s: float | None
    source: str

    @property
    def size(self) -> int:
        """The source's size in bytes (UTF-8)."""
        return len(self.source.encode("utf-8"))

    @property
    def lines(self) -> int:
        return len(self.source.splitlines())

    def to_dict(self) -> dict:
        return {"number": self.number, "uid": self.uid, "exercise_id": self.exercise_id, "graded_at": iso(self.graded_at),
                "status": self.status, "passed": self.passed, "total": self.total, "duration_s": self.duration_s,
                "size": self.size, "lines": self.lines, "source": self.source}


def as_text(source: str | bytes) -> str:
    """The source as stored: text (bytes that are not UTF-8 keep a replacement character where they were)."""
    return source.decode("utf-8", "replace") if isinstance(source, bytes) else source


def record_version(store: ProgressStore, exercise_id: str, source: str | bytes, status: str, passed: int, total: int,
                   duration_s: float | None, *, at: datetime | None = None) -> str | None:
    """Keep one graded version in a transaction of its own; returns its uid, or None when it was not stored
    (the same source as the exercise's latest version, or too large)."""
    text = as_text(source)
    if len(text.encode("utf-8")) > MAX_SOURCE_BYTES:
        return None
    with store.write() as db:
        latest = db.execute("SELECT source FROM versions WHERE exercise_id = ? ORDER BY graded_at DESC, id DESC LIMIT 1",
                            (exercise_id,)).fetchone()
        if latest is not None and latest["source"] == text:
            return None
        uid = new_uid()
        db.execute("INSERT INTO versions (uid, exercise_id, source, status, passed, total, duration_s, graded_at) "
                   "VALUES (?,?,?,?,?,?,?,?)", (uid, exercise_id, text, status, passed, total, duration_s, iso(at or store.clock())))
        prune(db, exercise_id)
    return uid


def prune(db: sqlite3.Connection, exercise_id: str) -> int:
    """Inside a write: drop all but the newest KEPT_PER_EXERCISE versions of an exercise; how many went."""
    return db.execute("DELETE FROM versions WHERE exercise_id = ? AND id NOT IN "
                      "(SELECT id FROM versions WHERE exercise_id = ? ORDER BY graded_at DESC, id DESC LIMIT ?)",
                      (exercise_id, exercise_id, KEPT_PER_EXERCISE)).rowcount


def versions(store: ProgressStore, exercise_id: str) -> list[GradedVersion]:
    """The kept versions of an exercise, oldest first."""
    rows = store.db.execute("SELECT * FROM versions WHERE exercise_id = ? ORDER BY graded_at, id", (exercise_id,)).fetchall()
    return [GradedVersion(i, r["uid"], r["exercise_id"], datetime.fromisoformat(r["graded_at"]), r["status"], r["passed"],
                          r["total"], r["duration_s"], r["source"]) for i, r in enumerate(rows, 1)]
