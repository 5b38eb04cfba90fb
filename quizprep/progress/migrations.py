"""The progress database's schema, as forward migrations. Version N is reached by running 1..N in order."""

from __future__ import annotations

# Tables that hold the learner's progress. Every change to them bumps `meta.changes` (by trigger);
# every quizprep write ends by copying it to `meta.signed`, so a difference is a write quizprep did not make.
# Migration 4 counts the first seven; a table added later gets its triggers in its own migration.
COUNTED_IN_4 = ("answers", "grades", "events", "cards", "flags", "settings", "interviews")
WATCHED_TABLES = (*COUNTED_IN_4, "versions")


def _triggers(tables: tuple[str, ...]) -> str:
    return "\n".join(
        f"CREATE TRIGGER count_{table}_{op.lower()} AFTER {op} ON {table} "
        f"BEGIN UPDATE meta SET value = value + 1 WHERE key = 'changes'; END;"
        for table in tables for op in ("INSERT", "UPDATE", "DELETE")
    )


def _change_counter() -> str:
    return ("CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);\n"
            "INSERT INTO meta (key, value) VALUES ('changes', 0), ('signed', 0);\n" + _triggers(COUNTED_IN_4))


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
    # 2: spaced repetition (cards), flags, settings; answers remember the card before them for undo
    """
    ALTER TABLE answers ADD COLUMN rating INTEGER;
    ALTER TABLE answers ADD COLUMN card_before TEXT;
    CREATE TABLE cards (
        key TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        ref TEXT NOT NULL,
        data TEXT NOT NULL,
        due TEXT NOT NULL,
        last_review TEXT,
        introduced_at TEXT NOT NULL
    );
    CREATE INDEX cards_by_due ON cards(due);
    CREATE TABLE flags (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        question_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        flagged_at TEXT NOT NULL
    );
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 3: mock interview reports
    """
    CREATE TABLE interviews (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        started_at TEXT NOT NULL,
        minutes INTEGER NOT NULL,
        seed INTEGER NOT NULL,
        score REAL NOT NULL,
        right INTEGER NOT NULL,
        total INTEGER NOT NULL,
        report TEXT NOT NULL
    );
    """,
    # 4: a change counter that tells quizprep's own writes from anyone else's
    _change_counter(),
    # 5: every graded version of the learner's file, with its grade (history.py keeps it bounded)
    """
    CREATE TABLE versions (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        exercise_id TEXT NOT NULL,
        source TEXT NOT NULL,
        status TEXT NOT NULL,
        passed INTEGER NOT NULL,
        total INTEGER NOT NULL,
        duration_s REAL,
        graded_at TEXT NOT NULL
    );
    CREATE INDEX versions_by_exercise ON versions(exercise_id, graded_at);
    """ + _triggers(("versions",)),
)

CURRENT_VERSION = len(MIGRATIONS)
