"""Today's numbers, the same in every verb and on every screen: the study plan, the day's
new-question allowance and the review queue that serves it.

The allowance is fixed when the study day starts: with an interview date it is today's share of
the plan (made from progress as it stood at the start of the day), otherwise `new_per_day`. Every
question started today, in any mode that schedules it, counts against it, so it holds for the day.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from .plan import StudyPlan, new_mix, plan_for, unseen_at
from .store import ProgressStore


@dataclass(frozen=True)
class Today:
    """The study day's plan and new-question allowance."""

    day: date
    plan: StudyPlan | None
    new_allowance: int               # new questions for the whole study day
    new_by_topic: dict[str, int]     # that allowance per topic
    introduced: int                  # new questions started today
    introduced_by_topic: dict[str, int]

    @property
    def new_left(self) -> int:
        return max(self.new_allowance - self.introduced, 0)

    def new_left_by_topic(self) -> dict[str, int]:
        """What is left of each topic's share, cut (one topic after another in turn) to `new_left` in all."""
        left = {t: max(n - self.introduced_by_topic.get(t, 0), 0) for t, n in self.new_by_topic.items()}
        out: dict[str, int] = dict.fromkeys(left, 0)
        budget = self.new_left
        while budget and any(left.values()):
            for t in left:
                if budget and left[t]:
                    left[t] -= 1
                    out[t] += 1
                    budget -= 1
        return {t: n for t, n in out.items() if n}


def today(store: ProgressStore, questions: Sequence[tuple[str, str]], exercise_ids: Sequence[str], *,
          now: datetime | None = None) -> Today:
    """The study day's plan and allowance. `questions` is (id, topic) for every question in the banks."""
    from .scheduler import day_bounds, study_day

    now = now or store.clock()
    settings = store.settings()
    start, _ = day_bounds(now, settings.day_starts_hour)
    plan = plan_for(store, questions, exercise_ids, now=now)
    day_plan = plan.today_plan if plan is not None else None
    if day_plan is not None:
        by_topic = dict(day_plan.new_by_topic)
    else:  # no date, or none worth planning: the learner's own pace
        by_topic = new_mix(unseen_at(store, questions, start), settings.new_per_day)
    topic_of = dict(questions)
    introduced: Counter[str] = Counter()
    total = 0
    for r in store.db.execute("SELECT ref, introduced_at FROM cards WHERE kind = 'question'"):
        if datetime.fromisoformat(r["introduced_at"]) >= start:
            total += 1
            if r["ref"] in topic_of:
                introduced[topic_of[r["ref"]]] += 1
    return Today(date.fromisoformat(study_day(now, settings.day_starts_hour)), plan, sum(by_topic.values()), by_topic,
                 total, dict(introduced))


def todays_review(store: ProgressStore, questions: Sequence[tuple[str, str]], exercise_ids: Sequence[str], *,
                  now: datetime | None = None, limit: int | None = None, seed: int | None = None,
                  numbers: Today | None = None, front: Sequence[str] = ()) -> list[str]:
    """Question ids for a review now: `front` (what a named mistake made due), what is due, then what is left of
    today's new questions, topics interleaved.

    The order is the same all day for the same progress (and `seed`). `numbers` is `today(...)` if already known.
    """
    from .reviews import review_queue

    now = now or store.clock()
    numbers = numbers or today(store, questions, exercise_ids, now=now)
    return review_queue(store, [q for q, _ in questions], now=now, limit=limit, new_room=numbers.new_left,
                        topic_of=dict(questions), new_mix=numbers.new_left_by_topic(), seed=f"{numbers.day}:{seed}", front=front)
