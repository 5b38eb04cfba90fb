"""Spaced repetition with FSRS: rating answers, moving cards, and what to study now.

A card is keyed `q:<question id>` or `ex:<exercise id>`. A right answer is rated Good (Easy when
quick, Hard when only partly right), a wrong one Again. The study day rolls over at a set hour.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from fsrs import Card, Rating, Scheduler

from ..bank.types import REGISTRY

# A right answer this quick (seconds) is rated Easy: recall was effortless. Each question type says its
# limit in the registry (explain has none: writing a good answer takes as long as it takes).
EASY_SECONDS = {name: t.easy_seconds for name, t in REGISTRY.items() if t.easy_seconds is not None}


@dataclass(frozen=True)
class Settings:
    """What the learner can choose about scheduling."""

    target_retention: float = 0.9
    new_per_day: int = 20
    day_starts_hour: int = 4

    @classmethod
    def from_strings(cls, values: dict[str, str]) -> Settings:
        """From the settings table (keys this class does not know, such as the interview date, are skipped)."""
        base = cls()
        return cls(
            target_retention=float(values.get("target_retention", base.target_retention)),
            new_per_day=int(values.get("new_per_day", base.new_per_day)),
            day_starts_hour=int(values.get("day_starts_hour", base.day_starts_hour)),
        )


SETTING_RANGES = {"target_retention": (0.7, 0.99), "new_per_day": (0, 500), "day_starts_hour": (0, 23)}


def validate_setting(key: str, value: str) -> str:
    """Check one setting given as text; return its normalised text or raise ValueError saying what is allowed."""
    if key not in SETTING_RANGES:
        raise ValueError(f"unknown setting `{key}` — choose from {', '.join(SETTING_RANGES)}")
    low, high = SETTING_RANGES[key]
    try:
        number = float(value) if key == "target_retention" else int(value)
    except ValueError:
        raise ValueError(f"`{key}` takes a number from {low} to {high}") from None
    if not low <= number <= high:
        raise ValueError(f"`{key}` takes a number from {low} to {high}")
    return str(number)


def rate(correct: bool, score: float, seconds: float | None, qtype: str) -> Rating:
    """The FSRS rating of one answer."""
    if not correct:
        return Rating.Again
    if score < 1.0:
        return Rating.Hard
    limit = EASY_SECONDS.get(qtype)
    if limit is not None and seconds is not None and seconds <= limit:
        return Rating.Easy
    return Rating.Good


def study_day(moment: datetime, day_starts_hour: int) -> str:
    """The study day (local date) a moment belongs to; days roll over at `day_starts_hour` local time."""
    return (moment.astimezone() - timedelta(hours=day_starts_hour)).date().isoformat()


def day_bounds(moment: datetime, day_starts_hour: int) -> tuple[datetime, datetime]:
    """When the study day holding `moment` starts and when the next one starts (aware, local time)."""
    day = date.fromisoformat(study_day(moment, day_starts_hour))
    start = datetime.combine(day, time(day_starts_hour)).astimezone()
    return start, datetime.combine(day + timedelta(days=1), time(day_starts_hour)).astimezone()


def reviews_if_right(card: Card, scheduler: Scheduler, start: datetime, until: datetime, *, limit: int = 60) -> list[datetime]:
    """When a card would be reviewed from `start` to `until` if every answer were right (rated Good).

    A forecast, not a promise: a wrong answer brings a card back sooner. `limit` bounds the work for
    a card whose learning steps are short.
    """
    moments: list[datetime] = []
    moment = max(card.due, start)
    while moment < until and len(moments) < limit:
        moments.append(moment)
        card, _ = scheduler.review_card(card, Rating.Good, moment)
        moment = max(card.due, moment)
    return moments


def new_card(key: str, now: datetime) -> Card:
    """A fresh card due now, with an id derived from its key (stable across machines)."""
    return Card(card_id=zlib.crc32(key.encode()) + 1, due=now)


def card_from_json(text: str) -> Card:
    return Card.from_dict(json.loads(text))


def card_to_json(card: Card) -> str:
    return json.dumps(card.to_dict(), sort_keys=True)


def make_scheduler(settings: Settings, kind: str = "question") -> Scheduler:
    """The FSRS scheduler for a kind of card.

    No fuzzing: the same history always gives the same schedule, which learners and tests can rely on.
    Exercises skip the minutes-long learning steps: a pass comes back days later, to be re-implemented.
    """
    if kind == "exercise":
        return Scheduler(desired_retention=settings.target_retention, enable_fuzzing=False, learning_steps=())
    return Scheduler(desired_retention=settings.target_retention, enable_fuzzing=False)


def describe_interval(now: datetime, due: datetime) -> str:
    """'in 10 minutes', 'in 3 days' — when a card comes back."""
    seconds = max((due - now).total_seconds(), 0)
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = round(seconds / size)
            return f"in {n} {unit}{'s' if n != 1 else ''}"
    return "now"
