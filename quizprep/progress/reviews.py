"""Answers and grades as spaced-repetition reviews: recording them, and what is due.

Every due is aimed at the interview date while it is ahead (`scheduler.aimed_due`), both when a
card is moved and when dues are read, so cards scheduled before the date was set come back in time.

Every answer is one transaction that writes the answer row and moves its card together, keeping the
card as it was before so the store can undo the answer exactly (`ProgressStore.undo_answer`). Practice answers are recorded but move
no card.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from fsrs import Rating

from .scheduler import aim, aimed_due, card_from_json, card_to_json, describe_interval, make_scheduler, new_card, rate, study_day
from .store import ProgressStore, iso, new_uid

MODES = ("review", "quiz", "practice", "interview")


@dataclass(frozen=True)
class AnswerOutcome:
    """What recording an answer did: its uid, the rating and when the question comes back."""

    uid: str
    rating: Rating | None
    due: datetime | None
    comes_back: str  # e.g. "in 3 days"; "" for practice


def question_key(question_id: str) -> str:
    return f"q:{question_id}"


def exercise_key(exercise_id: str) -> str:
    return f"ex:{exercise_id}"


def _review(store: ProgressStore, db, key: str, kind: str, ref: str, rating: Rating, now: datetime):
    row = db.execute("SELECT data, introduced_at FROM cards WHERE key = ?", (key,)).fetchone()
    before = row["data"] if row else ""
    card = card_from_json(row["data"]) if row else new_card(key, now)
    settings = store.settings()
    card, _ = make_scheduler(settings, kind).review_card(card, rating, now)
    card = aim(card, store.interview_date(), settings.day_starts_hour, date.fromisoformat(study_day(now, settings.day_starts_hour)))
    db.execute(
        "INSERT INTO cards (key, kind, ref, data, due, last_review, introduced_at) VALUES (?,?,?,?,?,?,?) "
        "ON CONFLICT(key) DO UPDATE SET data = excluded.data, due = excluded.due, last_review = excluded.last_review",
        (key, kind, ref, card_to_json(card), iso(card.due), iso(now), row["introduced_at"] if row else iso(now)),
    )
    return before, card


def record_answer(store: ProgressStore, *, question_id: str, topic: str, qtype: str, correct: bool, score: float,
                  given: str = "", seconds: float | None = None, mode: str = "quiz", at: datetime | None = None) -> AnswerOutcome:
    """Record one answer and, unless practising, move the question's card by its FSRS rating."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}")
    now = at or store.clock()
    uid = new_uid()
    rating = card = before = None
    with store.write() as db:
        if mode != "practice":
            rating = rate(correct, score, seconds, qtype)
            before, card = _review(store, db, question_key(question_id), "question", question_id, rating, now)
        db.execute(
            "INSERT INTO answers (uid, question_id, topic, correct, score, given, seconds, mode, answered_at, rating, card_before) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (uid, question_id, topic, int(correct), float(score), given, seconds, mode, iso(now),
             int(rating) if rating is not None else None, before),
        )
    if card is None:
        return AnswerOutcome(uid, None, None, "")
    return AnswerOutcome(uid, rating, card.due, describe_interval(now, card.due))


def record_exercise_grade(store: ProgressStore, exercise_id: str, status: str, passed: int, total: int, duration_s: float,
                          *, at: datetime | None = None) -> datetime | None:
    """Record a grade; a pass on a new or due exercise card schedules its next re-implementation.

    Returns when the exercise comes back for review, if the grade moved its card.
    """
    now = at or store.clock()
    due = None
    with store.write() as db:
        store.insert_grade(db, exercise_id, status, passed, total, duration_s, at=now)  # the grade and its card move together
        if status == "pass":
            row = db.execute("SELECT data, due FROM cards WHERE key = ?", (exercise_key(exercise_id),)).fetchone()
            if row is None or effective_due(store, row, now) <= now:
                _, card = _review(store, db, exercise_key(exercise_id), "exercise", exercise_id, Rating.Good, now)
                due = card.due
    return due


def effective_due(store: ProgressStore, row, now: datetime, *, interview: date | None = None,
                  day_starts_hour: int | None = None) -> datetime:
    """When a stored card (a row with `data` and `due`) comes back, aimed at the interview date as it stands at `now`.

    `interview` and `day_starts_hour` save reading the settings again when many rows are read.
    """
    if day_starts_hour is None:
        day_starts_hour = store.settings().day_starts_hour
        interview = store.interview_date()
    stored = datetime.fromisoformat(row["due"])
    if interview is None:
        return stored
    try:
        card = card_from_json(row["data"])
    except (ValueError, KeyError, TypeError):  # an unreadable card keeps its stored due
        return stored
    return aimed_due(card, interview, day_starts_hour, date.fromisoformat(study_day(now, day_starts_hour)))


def card_dues(store: ProgressStore, kind: str, now: datetime) -> list[tuple[str, datetime]]:
    """(ref, due aimed at the interview date) of every card of a kind, soonest first."""
    settings, interview = store.settings(), store.interview_date()
    rows = store.db.execute("SELECT ref, data, due FROM cards WHERE kind = ? ORDER BY due", (kind,)).fetchall()
    out = [(r["ref"], effective_due(store, r, now, interview=interview, day_starts_hour=settings.day_starts_hour)) for r in rows]
    return sorted(out, key=lambda item: item[1])


def due_keys(store: ProgressStore, kind: str, now: datetime) -> list[tuple[str, datetime]]:
    """(ref, due) of every card of a kind that is due at `now`, most overdue first."""
    return [(ref, due) for ref, due in card_dues(store, kind, now) if due <= now]


def introduced_today(store: ProgressStore, kind: str, now: datetime, day_starts_hour: int) -> int:
    """How many cards of a kind were first reviewed on the current study day."""
    today = study_day(now, day_starts_hour)
    rows = store.db.execute("SELECT introduced_at FROM cards WHERE kind = ?", (kind,)).fetchall()
    return sum(study_day(datetime.fromisoformat(r["introduced_at"]), day_starts_hour) == today for r in rows)


def review_queue(store: ProgressStore, question_ids: Sequence[str], *, now: datetime | None = None,
                 limit: int | None = None, new_room: int | None = None, topic_of: Mapping[str, str] | None = None,
                 new_mix: Mapping[str, int] | None = None, seed: int | str | None = None,
                 front: Sequence[str] = ()) -> list[str]:
    """Question ids to review now: `front` first (the questions a named mistake made due), then due cards
    (most overdue first), then new questions.

    Only ids in `question_ids` are scheduled, so a question removed from the banks keeps its history
    but never comes back. `new_room` new questions are served (default: what is left today of
    `new_per_day`). With `topic_of`, they are taken per topic as `new_mix` says (default: one topic
    after another in turn), each topic in bank order, and the topics are interleaved (ties broken by
    `seed`); without it, in the order given.
    """
    from ..quiz.select import interleave_topics

    now = now or store.clock()
    settings = store.settings()
    known = set(question_ids)
    due = [ref for ref, _ in due_keys(store, "question", now) if ref in known]
    have_card = {r["ref"] for r in store.db.execute("SELECT ref FROM cards WHERE kind = 'question'")}
    if new_room is None:
        new_room = settings.new_per_day - introduced_today(store, "question", now, settings.day_starts_hour)
    fresh = [qid for qid in question_ids if qid not in have_card]
    if topic_of is None:
        picked = fresh[:max(new_room, 0)]
    else:
        by_topic: dict[str, list[str]] = {}
        for qid in fresh:
            by_topic.setdefault(topic_of[qid], []).append(qid)
        wanted = {t: by_topic.get(t, [])[:n] for t, n in new_mix.items()} if new_mix is not None else by_topic
        picked = _in_turn(wanted, new_room)
        if len(picked) < new_room:  # a topic of the mix ran out: the others make up the day's number
            taken = set(picked)
            picked += _in_turn({t: [q for q in qs if q not in taken] for t, qs in by_topic.items()}, new_room - len(picked))
        picked = interleave_topics(picked, topic_of.__getitem__, seed=seed)
    first = [qid for qid in dict.fromkeys(front) if qid in known]
    queue = first + [qid for qid in due + picked if qid not in set(first)]
    return queue if limit is None else queue[:limit]


def _in_turn(groups: Mapping[str, Sequence[str]], count: int) -> list[str]:
    """Up to `count` items, one of each group in turn, each group in its own order."""
    out: list[str] = []
    queues = {k: list(v) for k, v in groups.items() if v}
    while queues and len(out) < count:
        for key in list(queues):
            if len(out) == count:
                break
            out.append(queues[key].pop(0))
            if not queues[key]:
                del queues[key]
    return out


def due_exercises(store: ProgressStore, exercise_ids: Iterable[str], *, now: datetime | None = None) -> list[str]:
    """Passed exercises whose review has come: re-implement them from the stub."""
    known = set(exercise_ids)
    return [ref for ref, _ in due_keys(store, "exercise", now or store.clock()) if ref in known]
