"""Stored mock interview reports and their trend."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from .store import ProgressStore, iso, new_uid


def save_report(store: ProgressStore, report: dict) -> str:
    """Store a report (Report.to_dict()); returns its uid."""
    uid = new_uid()
    started = iso(datetime.fromtimestamp(report["started_at"], UTC))
    with store.write() as db:
        db.execute("INSERT INTO interviews (uid, started_at, minutes, seed, score, right, total, report) VALUES (?,?,?,?,?,?,?,?)",
                   (uid, started, report["minutes"], report["seed"], report["score"], report["right"], report["total"], json.dumps(report)))
    return uid


def history(store: ProgressStore) -> list[dict]:
    """Every stored interview, oldest first: when, score, right/total and the full report."""
    rows = store.db.execute("SELECT started_at, minutes, seed, score, right, total, report FROM interviews ORDER BY started_at, id")
    return [{"started_at": r["started_at"], "minutes": r["minutes"], "seed": r["seed"], "score": r["score"],
             "right": r["right"], "total": r["total"], "report": json.loads(r["report"])} for r in rows]


def trend(scores: list[float]) -> str:
    """'up', 'down' or 'steady': the last score against the mean of the ones before it."""
    if len(scores) < 2:
        return "steady"
    before = sum(scores[:-1]) / (len(scores) - 1)
    return "up" if scores[-1] > before + 0.05 else "down" if scores[-1] < before - 0.05 else "steady"


def interview_inputs(store: ProgressStore, questions, exercises):
    """What the interview planner takes from progress, as plain data.

    `questions` are (id, topic) and `exercises` (id, title) as they exist now. Returns topic weights
    (weaker and more due topics weigh more), the due question ids, and the exercises to test: those
    not passed, or passed but due for review (all of them when every one was passed recently).
    """
    from .reviews import due_exercises, due_keys
    from .stats import compute_stats

    exercise_ids = [e for e, _ in exercises]
    stats = compute_stats(store, questions, exercise_ids)
    weights = {t.topic: 1.0 + (1 - t.mastery) + (1 - (t.accuracy if t.accuracy is not None else 0.5)) + t.due / max(t.total, 1)
               for t in stats.topics}
    known = {qid for qid, _ in questions}
    due = [ref for ref, _ in due_keys(store, "question", store.clock()) if ref in known]
    passed = {e.exercise for e in stats.exercises if e.passed}
    redo = set(due_exercises(store, exercise_ids))
    candidates = [(e, title) for e, title in exercises if e not in passed or e in redo] or list(exercises)
    return weights, due, candidates
