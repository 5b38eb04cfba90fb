"""The progress database's schema, as forward migrations. Version N is reached by running 1..N in order."""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: answers, grades and events (hints shown, solutions unlocked)
    """
    CREATE TABLE answers (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        question_id TEXT NOT NULL,
        topic TEXT NOT NULL,
        correct INTEGER NOT NULL,
        score REAL NOT NULL,
        given TEXT NOT NULL DEFAULT '',
        seconds REAL,
        mode TEXT NOT NULL DEFAULT 'quiz',
        answered_at TEXT NOT NULL
    );
    CREATE INDEX answers_by_question ON answers(question_id, answered_at);
    CREATE INDEX answers_by_time ON answers(answered_at);
    CREATE TABLE grades (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        exercise_id TEXT NOT NULL,
        status TEXT NOT NULL,
        passed INTEGER NOT NULL,
        total INTEGER NOT NULL,
        duration_s REAL,
        graded_at TEXT NOT NULL
    );
    CREATE INDEX grades_by_exercise ON grades(exercise_id, graded_at);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        ref TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL
    );
    CREATE INDEX events_by_kind ON events(kind, ref);
    """,
)

CURRENT_VERSION = len(MIGRATIONS)
