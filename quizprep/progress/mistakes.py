"""Mistakes that schedule their concepts, and concepts that bring their exercises back.

Both ways are kept as events, so nothing needs a table of its own and nothing is ever overwritten:

- a grade that names a mistake records a `mistake` event (ref: the exercise; detail: the concept and
  the matched text). Until each question carrying that concept's tag has been answered (outside
  practice) after the mistake, those questions wait at the front of the review queue;
- `MISSES_TO_FORWARD` wrong answers to questions of a concept since its exercise was last passed (and
  since the concept last brought it forward) make the exercise's review card due now, recorded as a
  `concept_forward` event (ref: the exercise; detail: the concept).

The concept of a mistake and the exercises of a concept come from the caller (the map in
quizprep/grading/mistake_concepts.yaml), so this module knows only the store.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from .store import ProgressStore, iso, new_uid

MISTAKE_EVENT = "mistake"
FORWARD_EVENT = "concept_forward"
MISSES_TO_FORWARD = 3


@dataclass(frozen=True)
class PendingMistake:
    """A named mistake whose concept's questions are still waiting: the newest per concept."""

    exercise: str
    concept: str
    match: str
    at: datetime
    waiting: tuple[str, ...]  # question ids, in bank order


@dataclass(frozen=True)
class BroughtForward:
    """An exercise made due by missed questions of a concept, not passed since."""

    exercise: str
    concept: str
    misses: int
    at: datetime


def record_mistake(store: ProgressStore, exercise_id: str, concept: str, match: str, *, at: datetime | None = None) -> str:
    """Remember that a grade of `exercise_id` named a mistake of `concept`."""
    return store.record_event(MISTAKE_EVENT, exercise_id, json.dumps({"concept": concept, "match": match}, ensure_ascii=False), at=at)


def _detail(text: str) -> dict:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):  # e.g. a nested bomb from an older quizprep's import
        return {}
    return value if isinstance(value, dict) else {}


def _last_answered(store: ProgressStore) -> dict[str, datetime]:
    rows = store.db.execute("SELECT question_id, MAX(answered_at) AS at FROM answers WHERE mode != 'practice' GROUP BY question_id")
    return {r["question_id"]: datetime.fromisoformat(r["at"]) for r in rows}


def pending_mistakes(store: ProgressStore, tagged: Mapping[str, Sequence[str]]) -> list[PendingMistake]:
    """The newest mistake of each concept whose tagged questions (`tagged`: concept -> ids) are not all answered since, newest first."""
    rows = store.db.execute("SELECT ref, detail, at FROM events WHERE kind = ? ORDER BY at DESC, id DESC", (MISTAKE_EVENT,)).fetchall()
    answered = _last_answered(store) if rows else {}
    out, seen = [], set()
    for r in rows:
        detail = _detail(r["detail"])
        concept = detail.get("concept")
        if concept in seen or concept not in tagged:
            continue
        seen.add(concept)
        at = datetime.fromisoformat(r["at"])
        waiting = tuple(q for q in tagged[concept] if q not in answered or answered[q] < at)
        if waiting:
            out.append(PendingMistake(r["ref"], concept, str(detail.get("match", "")), at, waiting))
    return out


def front_of_queue(pending: Sequence[PendingMistake]) -> list[str]:
    """The question ids the pending mistakes put first in a review, the newest mistake's first, each once."""
    return list(dict.fromkeys(q for p in pending for q in p.waiting))


def _passes(store: ProgressStore) -> dict[str, datetime]:
    rows = store.db.execute("SELECT exercise_id, MAX(graded_at) AS at FROM grades WHERE status = 'pass' GROUP BY exercise_id")
    return {r["exercise_id"]: datetime.fromisoformat(r["at"]) for r in rows}


def _forwards(store: ProgressStore) -> dict[tuple[str, str], datetime]:
    out: dict[tuple[str, str], datetime] = {}
    for r in store.db.execute("SELECT ref, detail, at FROM events WHERE kind = ? ORDER BY at", (FORWARD_EVENT,)):
        out[(r["ref"], str(_detail(r["detail"]).get("concept", "")))] = datetime.fromisoformat(r["at"])
    return out


def _misses(wrong: Sequence[tuple[str, datetime]], questions: Sequence[str], since: datetime | None) -> int:
    wanted = set(questions)
    return sum(qid in wanted and (since is None or at > since) for qid, at in wrong)


def bring_forward(store: ProgressStore, tagged: Mapping[str, Sequence[str]], exercises_of: Mapping[str, Sequence[str]], *,
                  now: datetime | None = None) -> list[BroughtForward]:
    """Make due now every exercise (with a review card) of a concept missed MISSES_TO_FORWARD times since the
    exercise's last pass and the concept's last bringing it forward; returns what was brought forward."""
    from .reviews import effective_due, exercise_key
    from .scheduler import card_from_json, card_to_json

    now = now or store.clock()
    passes, forwards = _passes(store), _forwards(store)
    cards = {r["ref"]: r for r in store.db.execute("SELECT ref, data, due FROM cards WHERE kind = 'exercise'")}
    wrong = [(r["question_id"], datetime.fromisoformat(r["answered_at"]))
             for r in store.db.execute("SELECT question_id, answered_at FROM answers WHERE correct = 0")] if cards else []
    todo = []
    for concept, exercises in exercises_of.items():
        questions = tagged.get(concept, ())
        for exercise in exercises:
            if exercise not in cards or not questions:
                continue  # never passed: nothing to bring forward, it is still to do
            since = max((t for t in (passes.get(exercise), forwards.get((exercise, concept))) if t is not None), default=None)
            misses = _misses(wrong, questions, since)
            if misses >= MISSES_TO_FORWARD:
                todo.append(BroughtForward(exercise, concept, misses, now))
    if not todo:
        return []
    with store.write() as db:
        for item in todo:
            row = db.execute("SELECT data, due FROM cards WHERE key = ?", (exercise_key(item.exercise),)).fetchone()
            if row is not None and effective_due(store, row, now) > now:
                card = card_from_json(row["data"])
                card.due = now
                db.execute("UPDATE cards SET data = ?, due = ? WHERE key = ?", (card_to_json(card), iso(now), exercise_key(item.exercise)))
            db.execute("INSERT INTO events (uid, kind, ref, detail, at) VALUES (?,?,?,?,?)",
                       (new_uid(), FORWARD_EVENT, item.exercise, json.dumps({"concept": item.concept, "misses": item.misses}), iso(now)))
    return todo


def brought_forward(store: ProgressStore) -> list[BroughtForward]:
    """Exercises brought forward by a concept and not passed since, newest first."""
    passes = _passes(store)
    out = []
    for (exercise, concept), at in sorted(_forwards(store).items(), key=lambda item: item[1], reverse=True):
        if passes.get(exercise) is None or passes[exercise] < at:
            row = store.db.execute("SELECT detail FROM events WHERE kind = ? AND ref = ? AND at = ?",
                                   (FORWARD_EVENT, exercise, iso(at))).fetchone()
            misses = _detail(row["detail"]).get("misses", MISSES_TO_FORWARD) if row else MISSES_TO_FORWARD
            out.append(BroughtForward(exercise, concept, int(misses) if isinstance(misses, int) else MISSES_TO_FORWARD, at))
    return out


def reason_lines(store: ProgressStore, tagged: Mapping[str, Sequence[str]], concepts: Mapping, exercise_id: str | None = None,
                 *, concept: str | None = None) -> list[str]:
    """One line per pending mistake, then per exercise brought forward (only `exercise_id`'s, if given), newest first;
    with `concept`, only the pending mistake of that concept.

    `concepts`: tag -> an object with `label` and `slip` (grading.mistake_concepts.Concept).
    """
    lines = []
    for p in pending_mistakes(store, tagged):
        if exercise_id in (None, p.exercise) and concept in (None, p.concept) and p.concept in concepts:
            c, n = concepts[p.concept], len(p.waiting)
            lines.append(f"in `{p.exercise}` {c.slip}: {n} question{'s' if n != 1 else ''} on {c.label} "
                         f"{'are' if n != 1 else 'is'} waiting")
    for f in brought_forward(store) if concept is None else ():
        if exercise_id in (None, f.exercise) and f.concept in concepts:
            lines.append(f"{f.misses} missed questions on {concepts[f.concept].label}: `{f.exercise}` is due — "
                         f"re-implement it from the stub (`quizprep reset {f.exercise}`)")
    return lines
