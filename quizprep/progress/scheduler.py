"""Spaced repetition with FSRS: rating answers, moving cards, and what to study now.

A card is keyed `q:<question id>` or `ex:<exercise id>`. A right answer is rated Good (Easy when
quick, Hard when only partly right), a wrong one Again. The study day rolls over at a set hour.

Reviews aim at the interview date (`aimed_due`): while the date is ahead, a card whose next review
would fall on or after the interview day comes back in the final week before it instead.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

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


def day_start(day: date, day_starts_hour: int) -> datetime:
    """When a study day starts (aware, UTC)."""
    return datetime.combine(day, time(day_starts_hour)).astimezone().astimezone(UTC)


# Reviews aimed at the interview: the last FINAL_WEEK days before it take the reviews that would
# otherwise fall after it; a review made inside that week may come back at most GRACE_DAYS after it.
FINAL_WEEK = 7
GRACE_DAYS = 3


def aimed_due(card: Card, interview: date | None, day_starts_hour: int, today: date) -> datetime:
    """When a card comes back, aimed at the interview date; `today` is the current study day.

    The rule (a pure function of the card, so applying it twice changes nothing, and cards scheduled
    before the date was set are aimed as well when read):

    - no date, the date reached (`today` is the interview day or later), a card never reviewed, or
      a due before the interview day: FSRS's due, unchanged (scheduling is normal);
    - last reviewed before the final week: the start of study day
      `max(interview - 1 - card_id % 7, reviewed + 1)`, so the reviews are spread deterministically
      over the seven days before the interview (by the card's stable id) and never fall on the day of
      the review itself;
    - last reviewed in the final week: at most GRACE_DAYS after the interview day.

    A due is only ever brought forward, never pushed back.
    """
    if interview is None or today >= interview or card.last_review is None:
        return card.due
    if date.fromisoformat(study_day(card.due, day_starts_hour)) < interview:
        return card.due
    reviewed = date.fromisoformat(study_day(card.last_review, day_starts_hour))
    if reviewed >= interview - timedelta(days=FINAL_WEEK):
        target = interview + timedelta(days=GRACE_DAYS)
    else:
        target = max(interview - timedelta(days=1 + card.card_id % FINAL_WEEK), reviewed + timedelta(days=1))
    return min(card.due, day_start(target, day_starts_hour))


def aim(card: Card, interview: date | None, day_starts_hour: int, today: date) -> Card:
    """The card with its due aimed at the interview date (see `aimed_due`); the card itself is left as it is."""
    due = aimed_due(card, interview, day_starts_hour, today)
    if due == card.due:
        return card
    aimed = Card.from_dict(card.to_dict())
    aimed.due = due
    return aimed


def reviews_if_right(card: Card, scheduler: Scheduler, start: datetime, until: datetime, *, limit: int = 60,
                     interview: date | None = None, day_starts_hour: int = 4,
                     cards: list[Card] | None = None) -> list[datetime]:
    """When a card would be reviewed from `start` to `until` if every answer were right (rated Good).

    A forecast, not a promise: a wrong answer brings a card back sooner. `limit` bounds the work for
    a card whose learning steps are short. With `interview`, every due is aimed at it as a real review
    would be (`aimed_due`). `cards`, if given, receives the card after each forecast review.
    """
    def aimed(c: Card, at: datetime) -> Card:
        return aim(c, interview, day_starts_hour, date.fromisoformat(study_day(at, day_starts_hour)))

    moments: list[datetime] = []
    card = aimed(card, start)
    moment = max(card.due, start)
    while moment < until and len(moments) < limit:
        moments.append(moment)
        card, _ = scheduler.review_card(card, Rating.Good, moment)
        card = aimed(card, moment)
        if cards is not None:
            cards.append(card)
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
