"""The study plan: from today to the interview date, what to do each day so that every topic and
every exercise is covered in time, with the last days kept for review and mock interviews.

The plan is recomputed from what is actually done, so a day with more (or less) study than planned
simply moves the rest of the plan.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta

# New material is spread over this share of the days left; the rest are for review and mock interviews.
NEW_MATERIAL_SHARE = 0.75


@dataclass(frozen=True)
class DayPlan:
    day: date
    new_by_topic: dict[str, int]
    exercises: tuple[str, ...]
    mock_interview: bool = False
    reviews_due: int = 0           # known for today only

    @property
    def new_total(self) -> int:
        return sum(self.new_by_topic.values())


@dataclass(frozen=True)
class StudyPlan:
    interview: date
    today: date
    days_left: int                 # study days before the interview day
    days: tuple[DayPlan, ...]

    @property
    def today_plan(self) -> DayPlan | None:
        return self.days[0] if self.days and self.days[0].day == self.today else None

    def to_dict(self) -> dict:
        out = asdict(self)
        out["interview"] = self.interview.isoformat()
        out["today"] = self.today.isoformat()
        for d in out["days"]:
            d["day"] = d["day"].isoformat()
        return out


def make_plan(*, today: date, interview: date, unseen: Mapping[str, Sequence[str]], exercises_left: Sequence[str],
              redo_today: Sequence[str] = (), reviews_due: int = 0) -> StudyPlan:
    """Plan every study day from today to the day before the interview.

    `unseen` maps each topic to its questions not yet seen (in the order to learn them);
    `exercises_left` are the exercises not yet passed, in catalogue order; `redo_today` are passed
    exercises whose review is due (re-implement them); `reviews_due` is today's due question count.
    """
    days_left = (interview - today).days
    if days_left <= 0:
        return StudyPlan(interview, today, 0, ())
    learn_days = max(1, math.ceil(days_left * NEW_MATERIAL_SHARE)) if days_left > 2 else days_left
    # interleave topics so every topic is started early and finished before the review days
    queues = {t: list(q) for t, q in unseen.items() if q}
    order: list[str] = []
    while queues:
        for topic in list(queues):
            order.append(topic)
            queues[topic].pop(0)
            if not queues[topic]:
                del queues[topic]
    per_day = math.ceil(len(order) / learn_days) if order else 0
    ex_per_day = math.ceil(len(exercises_left) / learn_days) if exercises_left else 0
    days = []
    for i in range(days_left):
        chunk = order[i * per_day:(i + 1) * per_day] if i < learn_days else []
        exercises = tuple(exercises_left[i * ex_per_day:(i + 1) * ex_per_day]) if i < learn_days else ()
        if i == 0:
            exercises = tuple(redo_today) + exercises
        review_day = i >= learn_days
        days.append(DayPlan(today + timedelta(days=i), dict(Counter(chunk)), exercises,
                            mock_interview=review_day or i == days_left - 1, reviews_due=reviews_due if i == 0 else 0))
    return StudyPlan(interview, today, days_left, tuple(days))


def plan_for(store, questions: Sequence[tuple[str, str]], exercise_ids: Sequence[str], *, now=None) -> StudyPlan | None:
    """Today's plan from the store's actual progress, or None when no interview date is set."""
    from .reviews import due_exercises, due_keys
    from .scheduler import study_day

    interview = store.interview_date()
    if interview is None:
        return None
    now = now or store.clock()
    today = date.fromisoformat(study_day(now, store.settings().day_starts_hour))
    seen = {r[0] for r in store.db.execute("SELECT DISTINCT question_id FROM answers")}
    unseen: dict[str, list[str]] = {}
    for qid, topic in questions:
        if qid not in seen:
            unseen.setdefault(topic, []).append(qid)
    passed = {r[0] for r in store.db.execute("SELECT DISTINCT exercise_id FROM grades WHERE status = 'pass'")}
    known = {qid for qid, _ in questions}
    due = [ref for ref, _ in due_keys(store, "question", now) if ref in known]
    return make_plan(today=today, interview=interview, unseen=unseen,
                     exercises_left=[e for e in exercise_ids if e not in passed],
                     redo_today=due_exercises(store, exercise_ids, now=now), reviews_due=len(due))
