"""Stored mock interviews: kept as they happen (answers recorded, the report saved as unfinished after
every item and finished at the end), their history and trend, and what the planner takes from progress.

A report is one row; whether it is finished lives in the report itself (`status`), so it travels with
an export unchanged. Reports written before interviews were kept as they happen have no status and
are finished ones.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

from .store import ProgressStore, iso, new_uid


def save_report(store: ProgressStore, report: dict, uid: str | None = None) -> str:
    """Store a report (Report.to_dict()), or replace the one stored under `uid`; returns its uid."""
    started = iso(datetime.fromtimestamp(report["started_at"], UTC))
    values = (started, report["minutes"], report["seed"], report["score"], report["right"], report["total"], json.dumps(report))
    with store.write() as db:
        if uid is not None and db.execute("UPDATE interviews SET started_at = ?, minutes = ?, seed = ?, score = ?, right = ?, total = ?, "
                                          "report = ? WHERE uid = ?", (*values, uid)).rowcount:
            return uid
        uid = uid or new_uid()
        db.execute("INSERT INTO interviews (started_at, minutes, seed, score, right, total, report, uid) VALUES (?,?,?,?,?,?,?,?)",
                   (*values, uid))
    return uid


def record_interview_answer(store: ProgressStore, result):
    """An interview's concept answer (an ItemResult) recorded as any answer is: stored, and its card moved."""
    from .reviews import record_answer

    return record_answer(store, question_id=result.label, topic=result.topic, qtype=result.qtype, correct=result.correct,
                         score=result.score, given=result.given, seconds=result.seconds, mode="interview")


def _call(write: Callable, *args, **kwargs):
    return write(*args, **kwargs)


class InterviewRecorder:
    """Keeps a running InterviewSession in the store, so nothing the learner did is lost.

    Call `item_done()` after each answer or exercise: a concept answer is recorded (and schedules
    its card) at once, and the report is saved as unfinished, from the first answer on. `finish()`
    marks it finished. An interview ended before its first answer is not kept. `write` wraps every
    store write (a face passes its read-only handling and locking).
    """

    def __init__(self, store: ProgressStore, session, topic_of_exercise: Mapping[str, str] | None = None,
                 *, write: Callable = _call) -> None:
        self.store = store
        self.session = session
        self.topic_of_exercise = dict(topic_of_exercise or {})
        self.write = write
        self.uid: str | None = None
        self._seen = 0

    def item_done(self) -> None:
        """Record what the learner did since the last call, and save the interview so far as unfinished."""
        for result in self.session.results[self._seen:]:
            if result.kind == "question" and result.answered:
                self.write(record_interview_answer, self.store, result)
        self._seen = len(self.session.results)
        if self.session.answered_any:
            self._save(self.session.report(self.topic_of_exercise, finished=False))

    def finish(self):
        """Mark the interview finished and return its report; None when nothing was answered (nothing is kept)."""
        self.item_done()
        if not self.session.answered_any:
            return None
        report = self.session.report(self.topic_of_exercise)
        self._save(report)
        return report

    def _save(self, report) -> None:
        uid = self.write(save_report, self.store, report.to_dict(), self.uid)
        if uid is not None:
            self.uid = uid


def history(store: ProgressStore, *, unfinished: bool = True) -> list[dict]:
    """Every stored interview, oldest first: when, score, right/total, status and the full report."""
    rows = store.db.execute("SELECT started_at, minutes, seed, score, right, total, report FROM interviews ORDER BY started_at, id")
    out = []
    for r in rows:
        report = json.loads(r["report"])
        status = report.get("status", "finished") if isinstance(report, dict) else "finished"
        if status == "finished" or unfinished:
            out.append({"started_at": r["started_at"], "minutes": r["minutes"], "seed": r["seed"], "score": r["score"],
                        "right": r["right"], "total": r["total"], "status": status, "report": report})
    return out


def trend(scores: list[float]) -> str:
    """'up', 'down' or 'steady': the last score against the mean of the ones before it; 'none yet' below two."""
    if len(scores) < 2:
        return "none yet"
    before = sum(scores[:-1]) / (len(scores) - 1)
    return "up" if scores[-1] > before + 0.05 else "down" if scores[-1] < before - 0.05 else "steady"


def interview_inputs(store: ProgressStore, questions, exercises, *, exercise_topics=None):
    """What the interview planner takes from progress, as plain data.

    `questions` are (id, topic) and `exercises` (id, title) as they exist now; `exercise_topics` (id ->
    topic) lets a passed exercise count for its topic, as everywhere else. Returns topic weights
    (weaker and more due topics weigh more), the due question ids, and the exercises to test: those
    not passed, or passed but due for review (all of them when every one was passed recently).
    """
    from .reviews import due_exercises, due_keys
    from .stats import compute_stats

    exercise_ids = [e for e, _ in exercises]
    stats = compute_stats(store, questions, exercise_ids, exercise_topics=exercise_topics)
    weights = {t.topic: 1.0 + (1 - t.mastery) + (1 - (t.accuracy if t.accuracy is not None else 0.5)) + t.due / max(t.total, 1)
               for t in stats.topics}
    known = {qid for qid, _ in questions}
    due = [ref for ref, _ in due_keys(store, "question", store.clock()) if ref in known]
    passed = {e.exercise for e in stats.exercises if e.passed}
    redo = set(due_exercises(store, exercise_ids))
    candidates = [(e, title) for e, title in exercises if e not in passed or e in redo] or list(exercises)
    return weights, due, candidates
