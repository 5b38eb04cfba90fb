"""The study plan: from today to the interview date, what to do each day so that every topic and
every exercise is covered in time, with the last days kept for review and mock interviews.

The plan is made from progress as it stood when the study day started, so it holds for the whole
day (what you do today counts against today's share) and the rest of the plan moves at the next
day. `new_per_day` is the learner's pace: the plan raises it when that pace would not cover every
question before the review days, and never lowers it. Reviews are forecast from the cards' FSRS
due dates, counting the later reviews of every question as if it were answered right, with every due
aimed at the interview date as the scheduler aims it (a review that would fall after the interview
is counted in the final week before it; see `scheduler.aimed_due`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

# New material is spread over this share of the days left; the rest are for review and mock interviews.
NEW_MATERIAL_SHARE = 0.75
# Nobody plans an interview further ahead than this; a date beyond it is refused (and a stored one is not planned).
MAX_PLAN_DAYS = 365


@dataclass(frozen=True)
class DayPlan:
    day: date
    new_by_topic: dict[str, int]
    exercises: tuple[str, ...]
    mock_interview: bool = False
    reviews_due: int = 0           # today: due before the day ends; later days: expected if every answer is right

    @property
    def new_total(self) -> int:
        return sum(self.new_by_topic.values())


@dataclass(frozen=True)
class StudyPlan:
    interview: date
    today: date
    days_left: int                 # study days before the interview day
    days: tuple[DayPlan, ...]
    too_far: bool = False          # the date is more than MAX_PLAN_DAYS ahead: not planned

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


def check_interview_date(day: date, today: date) -> None:
    """Raise ValueError (one line, saying what to do) unless `day` is after `today` and at most MAX_PLAN_DAYS ahead."""
    if day <= today:
        raise ValueError(f"the interview date {day} is not after today ({today}) — give the day of your interview")
    if (day - today).days > MAX_PLAN_DAYS:
        raise ValueError(f"the interview date {day} is more than {MAX_PLAN_DAYS} days ahead — plan for one at most a year away")


def learning_order(unseen: Mapping[str, Sequence[str]]) -> list[str]:
    """The topic of each new question in the order they are introduced: one of each topic in turn."""
    left = {t: len(q) for t, q in unseen.items() if q}
    order: list[str] = []
    while left:
        for topic in list(left):
            order.append(topic)
            left[topic] -= 1
            if not left[topic]:
                del left[topic]
    return order


def new_mix(unseen: Mapping[str, Sequence[str]], count: int) -> dict[str, int]:
    """How many of the next `count` new questions come from each topic."""
    mix = Counter(learning_order(unseen)[:max(count, 0)])
    return {t: mix[t] for t in unseen if mix[t]}  # in bank order


def make_plan(*, today: date, interview: date, unseen: Mapping[str, Sequence[str]], exercises_left: Sequence[str],
              redo_today: Sequence[str] = (), reviews_due: int = 0, new_per_day: int = 0,
              reviews_ahead: Mapping[date, int] | None = None, new_review_offsets: Sequence[int] = (),
              started_today: int = 0, new_review_offsets_by_day: Sequence[Sequence[int]] | None = None) -> StudyPlan:
    """Plan every study day from today to the day before the interview.

    `unseen` maps each topic to its questions not yet seen (in the order to learn them);
    `exercises_left` are the exercises not yet passed, in catalogue order; `redo_today` are passed
    exercises whose review is due (re-implement them); `reviews_due` is today's due question count.
    At least `new_per_day` new questions a day are planned while some are left. `reviews_ahead` are
    the existing cards' expected reviews per later day, and `new_review_offsets` the days after its
    introduction on which a new question is expected back (0: later the same day); `started_today`
    new questions of today's share already have cards, so their reviews are in `reviews_ahead`.
    `new_review_offsets_by_day[i]`, when given, replaces `new_review_offsets` for the questions
    introduced on day i (the reviews aimed at the interview depend on how far it is).
    """
    days_left = (interview - today).days
    if days_left <= 0:
        return StudyPlan(interview, today, 0, ())
    if days_left > MAX_PLAN_DAYS:
        raise ValueError(f"an interview {days_left} days ahead is beyond the {MAX_PLAN_DAYS} days a plan covers")
    learn_days = max(1, math.ceil(days_left * NEW_MATERIAL_SHARE)) if days_left > 2 else days_left
    # interleave topics so every topic is started early and finished before the review days
    order = learning_order(unseen)
    per_day = max(new_per_day, math.ceil(len(order) / learn_days)) if order else 0
    ex_per_day = math.ceil(len(exercises_left) / learn_days) if exercises_left else 0
    reviews_ahead = reviews_ahead or {}
    chunks = [order[i * per_day:(i + 1) * per_day] if i < learn_days else [] for i in range(days_left)]
    new_reviews = Counter()  # day index -> expected reviews of the questions introduced on or before it
    for i, chunk in enumerate(chunks):
        offsets = new_review_offsets_by_day[i] if new_review_offsets_by_day is not None and i < len(new_review_offsets_by_day) \
            else new_review_offsets
        for offset in offsets:
            new_reviews[i + offset] += max(len(chunk) - started_today, 0) if i == 0 else len(chunk)
    days = []
    for i in range(days_left):
        day = today + timedelta(days=i)
        exercises = tuple(exercises_left[i * ex_per_day:(i + 1) * ex_per_day]) if i < learn_days else ()
        if i == 0:
            exercises = tuple(redo_today) + exercises
            reviews = reviews_due
        else:
            reviews = reviews_ahead.get(day, 0) + new_reviews[i]
        review_day = i >= learn_days
        mix = Counter(chunks[i])
        days.append(DayPlan(day, {t: mix[t] for t in unseen if mix[t]}, exercises, mock_interview=review_day or i == days_left - 1,
                            reviews_due=reviews))
    return StudyPlan(interview, today, days_left, tuple(days))


def unseen_at(store, questions: Sequence[tuple[str, str]], moment: datetime) -> dict[str, list[str]]:
    """Per topic, the questions (in bank order) that had no review card yet at `moment`."""
    seen = {r["ref"] for r in store.db.execute("SELECT ref, introduced_at FROM cards WHERE kind = 'question'")
            if datetime.fromisoformat(r["introduced_at"]) < moment}
    unseen: dict[str, list[str]] = {}
    for qid, topic in questions:
        if qid not in seen:
            unseen.setdefault(topic, []).append(qid)
    return unseen


def new_question_offsets(settings, start: datetime, interview: date | None = None, *, spread: int = 0,
                         days: int = MAX_PLAN_DAYS) -> list[int]:
    """The study days after its introduction on which a new question comes back if always answered right.

    It is introduced 8 hours into the study day starting at `start`; with `interview`, its reviews are
    aimed at that date, on the final-week day a card id of `spread` (mod 7) is given (see
    `scheduler.aimed_due`). Reviews up to `days` after `start` are forecast.
    """
    from fsrs import Card, Rating

    from .scheduler import FINAL_WEEK, aim, make_scheduler, reviews_if_right, study_day

    first = start + timedelta(hours=8)
    scheduler = make_scheduler(settings)
    card, _ = scheduler.review_card(Card(card_id=FINAL_WEEK + spread % FINAL_WEEK, due=first), Rating.Good, first)
    intro = date.fromisoformat(study_day(first, settings.day_starts_hour))
    card = aim(card, interview, settings.day_starts_hour, intro)
    moments = reviews_if_right(card, scheduler, first, start + timedelta(days=days), interview=interview,
                               day_starts_hour=settings.day_starts_hour)
    return [(date.fromisoformat(study_day(m, settings.day_starts_hour)) - intro).days for m in moments]


def plan_for(store, questions: Sequence[tuple[str, str]], exercise_ids: Sequence[str], *, now=None) -> StudyPlan | None:
    """The plan for the current study day, from progress as it stood when the day started; None without an interview date."""
    from .reviews import effective_due
    from .scheduler import card_from_json, day_bounds, make_scheduler, reviews_if_right, study_day

    interview = store.interview_date()
    if interview is None:
        return None
    now = now or store.clock()
    settings = store.settings()
    start, end = day_bounds(now, settings.day_starts_hour)
    today = date.fromisoformat(study_day(now, settings.day_starts_hour))
    days_left = (interview - today).days
    if days_left > MAX_PLAN_DAYS:  # stored before dates were checked: planning it would take minutes and gigabytes
        return StudyPlan(interview, today, days_left, (), too_far=True)
    if days_left <= 0:
        return StudyPlan(interview, today, 0, ())
    passed = {r["exercise_id"] for r in store.db.execute("SELECT exercise_id, graded_at FROM grades WHERE status = 'pass'")
              if datetime.fromisoformat(r["graded_at"]) < start}
    known_ex = set(exercise_ids)
    redo = []
    aimed = {"interview": interview, "day_starts_hour": settings.day_starts_hour}
    for r in store.db.execute("SELECT ref, data, due, last_review, introduced_at FROM cards WHERE kind = 'exercise' ORDER BY due"):
        if r["ref"] not in known_ex:
            continue
        # due before the day ends, or re-implemented today (a pass moves only a due card): either way, today's work
        redone = r["last_review"] and datetime.fromisoformat(r["last_review"]) >= start > datetime.fromisoformat(r["introduced_at"])
        if effective_due(store, r, now, **aimed) < end or redone:
            redo.append(r["ref"])
    known = {qid for qid, _ in questions}
    scheduler = make_scheduler(settings)
    horizon = start + timedelta(days=days_left)
    reviews_due, started, ahead = 0, 0, Counter()
    for r in store.db.execute("SELECT ref, data, due, introduced_at FROM cards WHERE kind = 'question'"):
        if r["ref"] not in known:
            continue
        started += datetime.fromisoformat(r["introduced_at"]) >= start
        if effective_due(store, r, now, **aimed) < end:
            reviews_due += 1
        for moment in reviews_if_right(card_from_json(r["data"]), scheduler, now, horizon, interview=interview,
                                       day_starts_hour=settings.day_starts_hour):
            if moment >= end:  # today's count is the real one above
                ahead[date.fromisoformat(study_day(moment, settings.day_starts_hour))] += 1
    # a new question's reviews aimed at the interview depend on how far it is: forecast them per day of
    # introduction, each day's on another day of the final week (as the cards' ids spread real ones)
    by_day = [new_question_offsets(settings, start + timedelta(days=i), interview, spread=i, days=days_left - i)
              for i in range(days_left)]
    return make_plan(today=today, interview=interview, unseen=unseen_at(store, questions, start),
                     exercises_left=[e for e in exercise_ids if e not in passed], redo_today=redo, reviews_due=reviews_due,
                     new_per_day=settings.new_per_day, reviews_ahead=ahead, new_review_offsets=new_question_offsets(settings, start),
                     started_today=started, new_review_offsets_by_day=by_day)
