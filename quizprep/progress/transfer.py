"""Export all progress as one JSON object, and merge such an object back in (idempotently).

This is the backup and the way to move machines: every event row carries a uid, so importing the
same file twice adds nothing; a card is taken from the file only when it was reviewed more recently.
"""

from __future__ import annotations

import json
from datetime import datetime

from .store import ProgressStore, iso

FORMAT = "quizprep-progress"
VERSION = 1
TABLES = {  # list name -> (table, columns)
    "answers": ("answers", ("uid", "question_id", "topic", "correct", "score", "given", "seconds", "mode", "answered_at", "rating",
                            "card_before")),
    "grades": ("grades", ("uid", "exercise_id", "status", "passed", "total", "duration_s", "graded_at")),
    "events": ("events", ("uid", "kind", "ref", "detail", "at")),
    "flags": ("flags", ("uid", "question_id", "reason", "note", "flagged_at")),
    "interviews": ("interviews", ("uid", "started_at", "minutes", "seed", "score", "right", "total", "report")),
}
REQUIRED = {
    "answers": ("uid", "question_id", "topic", "correct", "score", "answered_at"),
    "grades": ("uid", "exercise_id", "status", "passed", "total", "graded_at"),
    "events": ("uid", "kind", "ref", "at"),
    "flags": ("uid", "question_id", "reason", "flagged_at"),
    "interviews": ("uid", "started_at", "minutes", "seed", "score", "right", "total", "report"),
    "cards": ("key", "kind", "ref", "card", "due", "introduced_at"),
}
CARD_COLUMNS = ("key", "kind", "ref", "data", "due", "last_review", "introduced_at")


class ImportProblem(ValueError):
    """The file cannot be imported; the message says where and what to do. Nothing was written."""


def export_progress(store: ProgressStore) -> dict:
    """All progress as one JSON-ready object."""
    out: dict = {"format": FORMAT, "version": VERSION, "exported_at": iso(store.clock())}
    for name, (table, columns) in TABLES.items():
        rows = store.db.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id").fetchall()
        out[name] = [dict(zip(columns, row, strict=False)) for row in rows]
        if name == "answers":
            for a in out[name]:
                a["correct"] = bool(a["correct"])
    out["cards"] = [
        {"key": r["key"], "kind": r["kind"], "ref": r["ref"], "card": json.loads(r["data"]), "due": r["due"],
         "last_review": r["last_review"], "introduced_at": r["introduced_at"]}
        for r in store.db.execute(f"SELECT {', '.join(CARD_COLUMNS)} FROM cards ORDER BY key")
    ]
    out["settings"] = {r["key"]: r["value"] for r in store.db.execute("SELECT key, value FROM settings")}
    return out


def _check(data, source: str) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportProblem(f"{source}: not a quizprep progress export (expected \"format\": \"{FORMAT}\")")
    if not isinstance(data.get("version"), int) or data["version"] > VERSION:
        raise ImportProblem(f"{source}: export version {data.get('version')!r} is newer than this quizprep reads ({VERSION}) — "
                            "upgrade quizprep")
    for name, fields in REQUIRED.items():
        items = data.get(name, [])
        if not isinstance(items, list):
            raise ImportProblem(f"{source}: `{name}` should be a list")
        for i, item in enumerate(items):
            missing = [f for f in fields if not isinstance(item, dict) or f not in item]
            if missing:
                raise ImportProblem(f"{source}: {name}[{i}] is missing {', '.join(missing)}")
            for f in fields:
                if f.endswith("_at") or f == "due":
                    try:
                        datetime.fromisoformat(item[f])
                    except (TypeError, ValueError):
                        raise ImportProblem(f"{source}: {name}[{i}].{f} is not an ISO 8601 timestamp") from None


def import_progress(store: ProgressStore, data: dict, *, source: str = "the import") -> dict[str, int]:
    """Merge an export into the store in one transaction; returns how many rows of each kind were new."""
    _check(data, source)
    added = {}
    with store.write() as db:
        for name, (table, columns) in TABLES.items():
            n = 0
            for item in data.get(name, []):
                values = [item.get(c) for c in columns]
                if name == "answers":
                    values[columns.index("correct")] = int(bool(item["correct"]))
                cur = db.execute(f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", values)
                n += cur.rowcount
            added[name] = n
        n = 0
        for c in data.get("cards", []):
            row = db.execute("SELECT last_review FROM cards WHERE key = ?", (c["key"],)).fetchone()
            incoming = c.get("last_review") or ""
            if row is None or (incoming and incoming > (row["last_review"] or "")):
                db.execute(
                    "INSERT INTO cards (key, kind, ref, data, due, last_review, introduced_at) VALUES (?,?,?,?,?,?,?) "
                    "ON CONFLICT(key) DO UPDATE SET data = excluded.data, due = excluded.due, last_review = excluded.last_review",
                    (c["key"], c["kind"], c["ref"], json.dumps(c["card"], sort_keys=True), c["due"], c.get("last_review"),
                     c["introduced_at"]),
                )
                n += 1
        added["cards"] = n
        for key, value in (data.get("settings") or {}).items():
            db.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", (str(key), str(value)))
    return added
