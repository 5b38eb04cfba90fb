"""Readiness on the interview day: how likely you are to recall each question on the day itself.

A question's readiness is FSRS's retrievability of its card at the interview moment (noon, local
time, on the interview day — or now, on the day itself once noon has passed), computed by the
library's own `Scheduler.get_card_retrievability`; a question never reviewed counts as 0. A topic's
readiness is the mean over its questions; the overall readiness is the mean over every question of
the banks, so it is weighted per question (a topic with more questions weighs more). It is a
forecast without further study: what you would recall if you stopped now.

Exercises are reported alongside: whether each was passed, how many study days ago the last pass
was, and the retrievability of its review card at the interview.

Two series per study day, both of the same quantity (the overall readiness on the interview day):
- `history`: from the day of your first scheduled answer to today, with the cards as they stood at
  the end of each day (rebuilt from the stored answers; today's value is the overall readiness now);
- `projected`: from today to the day before the interview, if the plan is followed — every card's
  reviews are answered right (rated Good) when they fall, aimed at the interview date as the
  scheduler aims them, and each day's planned new questions are learned that day (reviewed Good 8
  hours into the study day) and then reviewed right as they fall. Questions the plan has not reached
  count as 0. Its last value is the readiness the plan leads to.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .store import ProgressStore

INTERVIEW_HOUR = 12      # the interview is taken to be at noon, local time
HISTORY_DAYS = 365       # at most this many days of history


@dataclass(frozen=True)
class ExerciseReadiness:
    exercise: str
    passed: bool
    last_pass: str | None          # study day (YYYY-MM-DD) of the last pass
    days_since_pass: int | None    # study days from the last pass to today
    recall: float                  # retrievability of its review card at the interview; 0 without one


@dataclass(frozen=True)
class Readiness:
    interview: date
    at: datetime                   # the moment recall is forecast for
    overall: float                 # mean over every question (weighted per question)
    topics: dict[str, float]       # mean over each topic's questions, in bank order
    exercises: dict[str, ExerciseReadiness]
    history: dict[str, float]      # study day -> overall readiness with the cards as they stood at its end
    projected: dict[str, float]    # study day -> overall readiness if the plan is followed to its end

    @property
    def projected_overall(self) -> float:
        """The readiness the plan leads to (the overall readiness now when there is nothing left to plan)."""
        return list(self.projected.values())[-1] if self.projected else self.overall

    def weakest(self, n: int = 3) -> list[tuple[str, float]]:
        """The `n` topics least ready, least ready first (ties by name)."""
        return sorted(self.topics.items(), key=lambda item: (item[1], item[0]))[:n]

    def to_dict(self) -> dict:
        return {
            "interview": self.interview.isoformat(), "at": self.at.isoformat(), "overall": self.overall,
            "topics": dict(self.topics), "projected_overall": self.projected_overall,
            "exercises": {e: {"passed": x.passed, "last_pass": x.last_pass, "days_since_pass": x.days_since_pass, "recall": x.recall}
                          for e, x in self.exercises.items()},
            "history": dict(self.history), "projected": dict(self.projected),
        }


def interview_moment(interview: date, now: datetime) -> datetime:
    """Noon (local) on the interview day, or `now` if later."""
    return max(datetime.combine(interview, time(INTERVIEW_HOUR)).astimezone(), now)


def _clip(p: float) -> float:
    return round(min(max(float(p), 0.0), 1.0), 4)


def readiness(store: ProgressStore, questions: Sequence[tuple[str, str]], exercise_ids: Sequence[str], *,
              now: datetime | None = None, plan=None) -> Readiness | None:
    """Readiness on the interview day; None without an interview date, or once it has passed.

    `questions` is (question id, topic) for every question of the banks; `exercise_ids` the exercises;
    `plan` today's study plan (`plan.plan_for`) if already known.
    """
    from .scheduler import card_from_json, make_scheduler, study_day

    interview = store.interview_date()
    now = now or store.clock()
    settings = store.settings()
    today = date.fromisoformat(study_day(now, settings.day_starts_hour))
    if interview is None or interview < today:
        return None
    at = interview_moment(interview, now)
    scheduler = make_scheduler(settings)
    topic_of = dict(questions)

    recall: dict[str, float] = dict.fromkeys(topic_of, 0.0)
    for r in store.db.execute("SELECT ref, data FROM cards WHERE kind = 'question'"):
        if r["ref"] in recall:
            recall[r["ref"]] = scheduler.get_card_retrievability(card_from_json(r["data"]), at)
    by_topic: dict[str, list[float]] = defaultdict(list)
    for qid, topic in questions:
        by_topic[topic].append(recall[qid])
    topics = {t: _clip(sum(ps) / len(ps)) for t, ps in by_topic.items()}
    overall = _clip(sum(recall.values()) / len(recall)) if recall else 0.0

    return Readiness(interview, at, overall, topics, _exercises(store, exercise_ids, settings, at, today),
                     _history(store, questions, settings, at, today), _projected(store, questions, settings, at, now, plan))


def _exercises(store: ProgressStore, exercise_ids: Sequence[str], settings, at: datetime, today: date) -> dict[str, ExerciseReadiness]:
    from .scheduler import card_from_json, make_scheduler, study_day

    scheduler = make_scheduler(settings, "exercise")
    last_pass: dict[str, str] = {}
    for r in store.db.execute("SELECT exercise_id, graded_at FROM grades WHERE status = 'pass' ORDER BY graded_at"):
        last_pass[r["exercise_id"]] = study_day(datetime.fromisoformat(r["graded_at"]), settings.day_starts_hour)
    cards = {r["ref"]: r["data"] for r in store.db.execute("SELECT ref, data FROM cards WHERE kind = 'exercise'")}
    out = {}
    for eid in exercise_ids:
        day = last_pass.get(eid)
        p = scheduler.get_card_retrievability(card_from_json(cards[eid]), at) if eid in cards else 0.0
        out[eid] = ExerciseReadiness(eid, day is not None, day, (today - date.fromisoformat(day)).days if day else None, _clip(p))
    return out


def _history(store: ProgressStore, questions: Sequence[tuple[str, str]], settings, at: datetime, today: date) -> dict[str, float]:
    """Per study day, the overall readiness with the cards as they stood at the end of that day.

    The card after each scheduled answer is the one the next scheduled answer of the question found
    (stored with it); after the last, the card as stored now. An answer stored without the card it
    found (from before that was kept) is replayed with today's settings.
    """
    from fsrs import Rating

    from .scheduler import card_from_json, make_scheduler, new_card, study_day

    known = dict(questions)
    if not known:
        return {}
    scheduler = make_scheduler(settings)
    stored = {r["ref"]: r["data"] for r in store.db.execute("SELECT ref, data FROM cards WHERE kind = 'question'")}
    answers: dict[str, list] = defaultdict(list)
    for r in store.db.execute("SELECT question_id, rating, answered_at, card_before FROM answers "
                              "WHERE rating IS NOT NULL ORDER BY answered_at, id"):
        if r["question_id"] in known:
            answers[r["question_id"]].append(r)
    changes: dict[date, dict[str, float]] = defaultdict(dict)  # day -> question -> recall at its end
    for qid, rows in answers.items():
        card = None
        for j, r in enumerate(rows):
            moment = datetime.fromisoformat(r["answered_at"])
            later = rows[j + 1]["card_before"] if j + 1 < len(rows) else stored.get(qid)
            try:
                card = card_from_json(later) if later else None
            except (ValueError, KeyError, TypeError):
                card = None
            if card is None:  # nothing stored says what this answer made of the card: replay it
                before = card_from_json(r["card_before"]) if r["card_before"] else new_card(f"q:{qid}", moment)
                card, _ = scheduler.review_card(before, Rating(r["rating"]), moment)
            day = date.fromisoformat(study_day(moment, settings.day_starts_hour))
            changes[day][qid] = scheduler.get_card_retrievability(card, at)
    if not changes:
        return {}
    first = max(min(changes), today - timedelta(days=HISTORY_DAYS - 1))
    recall: dict[str, float] = {}
    for day in sorted(d for d in changes if d < first):
        recall.update(changes[day])
    out = {}
    for i in range((today - first).days + 1):
        day = first + timedelta(days=i)
        recall.update(changes.get(day, {}))
        out[day.isoformat()] = _clip(sum(recall.values()) / len(known))
    return out


def _projected(store: ProgressStore, questions: Sequence[tuple[str, str]], settings, at: datetime, now: datetime,
               plan=None) -> dict[str, float]:
    """Per study day from today to the day before the interview: the overall readiness if the plan is followed (see the module)."""
    from fsrs import Card, Rating

    from .plan import plan_for
    from .scheduler import FINAL_WEEK, card_from_json, day_bounds, make_scheduler, reviews_if_right

    plan = plan or plan_for(store, questions, [], now=now)
    if plan is None or not plan.days:
        return {}
    known = dict(questions)
    scheduler = make_scheduler(settings)
    start, _ = day_bounds(now, settings.day_starts_hour)
    ends = [start + timedelta(days=i + 1) for i in range(len(plan.days))]
    horizon = ends[-1]

    def recall_by_day(card, moments: Sequence[datetime], cards: Sequence) -> list[float]:
        """The card's recall at the interview as it stands at the end of each planned day."""
        out, k, current = [], 0, scheduler.get_card_retrievability(card, at)
        for end in ends:
            while k < len(moments) and moments[k] < end:
                current = scheduler.get_card_retrievability(cards[k], at)
                k += 1
            out.append(current)
        return out

    total = [0.0] * len(ends)
    started = 0
    for r in store.db.execute("SELECT ref, data, introduced_at FROM cards WHERE kind = 'question'"):
        if r["ref"] not in known:
            continue
        started += datetime.fromisoformat(r["introduced_at"]) >= start
        card, cards = card_from_json(r["data"]), []
        moments = reviews_if_right(card, scheduler, now, horizon, interview=plan.interview,
                                   day_starts_hour=settings.day_starts_hour, cards=cards)
        total = [a + b for a, b in zip(total, recall_by_day(card, moments, cards), strict=True)]
    for i, day_plan in enumerate(plan.days):
        count = max(day_plan.new_total - started, 0) if i == 0 else day_plan.new_total
        if not count:
            continue
        first = start + timedelta(days=i, hours=8)
        card, _ = scheduler.review_card(Card(card_id=FINAL_WEEK + i % FINAL_WEEK, due=first), Rating.Good, first)  # spread as the plan
        cards: list = []
        moments = [first, *reviews_if_right(card, scheduler, first, horizon, interview=plan.interview,
                                            day_starts_hour=settings.day_starts_hour, cards=cards)]
        before = Card(card_id=1, due=first)  # not yet learned: recall 0
        series = recall_by_day(before, moments, [card, *cards])
        total = [a + count * b for a, b in zip(total, series, strict=True)]
    return {d.day.isoformat(): _clip(total[i] / len(known)) for i, d in enumerate(plan.days)}
