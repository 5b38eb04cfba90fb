"""Study statistics: per topic, per exercise, study days and what to study next.

Inputs are plain ids (which questions exist, in which topic; which exercises exist), so the figures
always describe the current banks: history of removed questions is kept but not counted.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from fsrs import State

from .scheduler import card_from_json, make_scheduler, study_day
from .store import ProgressStore

RECENT_DAYS = 7
HEATMAP_WEEKS = 12


@dataclass(frozen=True)
class TopicStats:
    topic: str
    total: int
    seen: int
    answers: int
    accuracy: float | None          # share of answers right, overall
    recent_answers: int
    recent_accuracy: float | None   # over the last 7 days
    mastery: float                  # share of the topic's questions whose recall probability is above the target
    due: int
    exercises: int = 0              # the topic's exercises, and how many of them were passed
    exercises_passed: int = 0


@dataclass(frozen=True)
class ExerciseStats:
    exercise: str
    attempts: int
    passed: bool
    attempts_to_first_pass: int | None
    last_status: str | None
    due: bool


@dataclass(frozen=True)
class Weakness:
    topic: str
    reason: str


@dataclass(frozen=True)
class Stats:
    topics: tuple[TopicStats, ...]
    exercises: tuple[ExerciseStats, ...]
    exercises_passed: int
    exercises_attempted: int
    exercises_total: int
    streak_days: int
    studied_today: bool
    answers_per_day: dict[str, int]
    accuracy_per_week: dict[str, float | None]  # week starting (study day) -> share right, None without answers
    weakest: tuple[Weakness, ...]
    answers_total: int
    due_now: int

    def to_dict(self) -> dict:
        return asdict(self)


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def compute_stats(store: ProgressStore, questions: Sequence[tuple[str, str]], exercise_ids: Sequence[str],
                  *, now: datetime | None = None, exercise_topics: Mapping[str, str] | None = None) -> Stats:
    """All figures at `now`. `questions` is (question id, topic) for every question in the banks.

    `exercise_topics` (exercise id -> topic) lets a passed exercise count as study of its topic.
    """
    now = now or store.clock()
    settings = store.settings()
    scheduler = make_scheduler(settings)
    topic_of = dict(questions)
    topics = list(dict.fromkeys(t for _, t in questions))
    recent_from = now - timedelta(days=RECENT_DAYS)

    answers = [r for r in store.db.execute("SELECT question_id, correct, answered_at FROM answers ORDER BY id")
               if r["question_id"] in topic_of]
    per = defaultdict(lambda: {"n": 0, "right": 0, "rn": 0, "rright": 0, "seen": set()})
    for r in answers:
        p = per[topic_of[r["question_id"]]]
        p["n"] += 1
        p["right"] += r["correct"]
        p["seen"].add(r["question_id"])
        if datetime.fromisoformat(r["answered_at"]) >= recent_from:
            p["rn"] += 1
            p["rright"] += r["correct"]

    from .reviews import effective_due

    aimed = {"interview": store.interview_date(), "day_starts_hour": settings.day_starts_hour}  # dues aimed at the interview
    mastered, due = Counter(), Counter()
    for r in store.db.execute("SELECT ref, data, due FROM cards WHERE kind = 'question'"):
        topic = topic_of.get(r["ref"])
        if topic is None:
            continue
        card = card_from_json(r["data"])
        # only a graduated card counts: one just answered wrong (relearning) is trivially "retrievable" right now
        if card.state == State.Review and scheduler.get_card_retrievability(card, now) > settings.target_retention:
            mastered[topic] += 1
        if effective_due(store, r, now, **aimed) <= now:
            due[topic] += 1

    grades = defaultdict(list)
    for r in store.db.execute("SELECT exercise_id, status FROM grades ORDER BY graded_at, id"):
        grades[r["exercise_id"]].append(r["status"])
    ex_due = {r["ref"] for r in store.db.execute("SELECT ref, data, due FROM cards WHERE kind = 'exercise'")
              if effective_due(store, r, now, **aimed) <= now}
    exercise_stats = []
    for eid in exercise_ids:
        statuses = grades.get(eid, [])
        first = statuses.index("pass") + 1 if "pass" in statuses else None
        exercise_stats.append(ExerciseStats(eid, len(statuses), first is not None, first, statuses[-1] if statuses else None,
                                            eid in ex_due))

    topic_exercises, topic_passed = Counter(), Counter()
    for e in exercise_stats:
        topic = (exercise_topics or {}).get(e.exercise)
        topic_exercises[topic] += 1
        topic_passed[topic] += e.passed
    totals = Counter(t for _, t in questions)
    topic_stats = tuple(
        TopicStats(t, totals[t], len(per[t]["seen"]), per[t]["n"], _ratio(per[t]["right"], per[t]["n"]),
                   per[t]["rn"], _ratio(per[t]["rright"], per[t]["rn"]), round(mastered[t] / totals[t], 4), due[t],
                   topic_exercises[t], topic_passed[t])
        for t in topics
    )

    days = Counter(study_day(datetime.fromisoformat(r["answered_at"]), settings.day_starts_hour) for r in answers)
    studied = set(days) | {study_day(datetime.fromisoformat(r["graded_at"]), settings.day_starts_hour)
                           for r in store.db.execute("SELECT graded_at FROM grades")}
    today = datetime.fromisoformat(study_day(now, settings.day_starts_hour)).date()
    streak, day = 0, today if today.isoformat() in studied else today - timedelta(days=1)
    while day.isoformat() in studied:
        streak += 1
        day -= timedelta(days=1)
    first_day = today - timedelta(days=7 * HEATMAP_WEEKS - 1)
    per_day = {(first_day + timedelta(days=i)).isoformat(): days.get((first_day + timedelta(days=i)).isoformat(), 0)
               for i in range(7 * HEATMAP_WEEKS)}
    week_right, week_n = Counter(), Counter()
    for r in answers:
        day = datetime.fromisoformat(study_day(datetime.fromisoformat(r["answered_at"]), settings.day_starts_hour)).date()
        if day >= first_day:
            week = (first_day + timedelta(days=7 * ((day - first_day).days // 7))).isoformat()
            week_n[week] += 1
            week_right[week] += r["correct"]
    per_week = {(first_day + timedelta(days=7 * w)).isoformat(): None for w in range(HEATMAP_WEEKS)}
    per_week.update({w: _ratio(week_right[w], n) for w, n in week_n.items()})

    return Stats(
        topics=topic_stats, exercises=tuple(exercise_stats),
        exercises_passed=sum(e.passed for e in exercise_stats), exercises_attempted=sum(e.attempts > 0 for e in exercise_stats),
        exercises_total=len(exercise_stats), streak_days=streak, studied_today=today.isoformat() in studied,
        answers_per_day=per_day, accuracy_per_week=per_week, weakest=weakest_topics(topic_stats), answers_total=len(answers),
        due_now=sum(t.due for t in topic_stats),
    )


def plural_exercises(n: int) -> str:
    return f"{n} exercise{'' if n == 1 else 's'}"


def weakest_topics(topics: Sequence[TopicStats], n: int = 3) -> tuple[Weakness, ...]:
    """The topics to study next, weakest first, each with the figures that make it weak."""
    def weakness(t: TopicStats) -> float:
        unseen = 1 - t.seen / t.total if t.total else 0
        accuracy = t.recent_accuracy if t.recent_answers >= 5 else t.accuracy
        wrong = 1 - accuracy if accuracy is not None else 0.5
        practised = t.exercises_passed / t.exercises if t.exercises else 0  # code you got right is study too
        return (1 - t.mastery) + wrong + 0.5 * unseen + min(t.due / max(t.total, 1), 1) - 0.5 * practised

    out = []
    for t in sorted(topics, key=lambda t: (-weakness(t), t.topic))[:n]:
        parts = []
        if t.answers == 0 and not t.exercises_passed:
            parts.append("not studied yet")
        elif t.answers == 0:
            parts.append(f"no questions answered yet ({t.total} to learn)")
        else:
            parts.append(f"accuracy {t.accuracy:.0%} over {t.answers} answer{'' if t.answers == 1 else 's'}")
            if t.recent_answers:
                parts.append(f"{t.recent_accuracy:.0%} in the last {RECENT_DAYS} days")
            parts.append(f"mastery {t.mastery:.0%}")
            if t.seen < t.total:
                parts.append(f"{t.total - t.seen} of {t.total} questions never seen")
        if t.exercises_passed:
            parts.append(f"{t.exercises_passed} of {plural_exercises(t.exercises)} passed")
        if t.due:
            parts.append(f"{t.due} due now")
        out.append(Weakness(t.topic, "; ".join(parts)))
    return tuple(out)
