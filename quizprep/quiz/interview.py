"""A mock interview: a timed mix of conceptual questions and coding exercises, and its report.

Plain data in, plain data out: which questions exist, how weak each topic is and which questions
are due come from the caller (the progress store), and exercises are graded by a function the
caller passes in. The same seed, banks and progress give the same interview.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields

from ..bank import Question, check_answer
from .session import QuizItem, QuizSession, describe_response

# How long an interviewer gives each kind of item, in minutes: the plan of the session.
MINUTES = {"explain": 4.0, "question": 1.5, "exercise": 12.0}
EXPLAIN_SHARE = 1 / 3
# Interview lengths a person would sit; coding needs room for at least one exercise and some questions.
DEFAULT_MINUTES = 45
MIN_MINUTES, MAX_MINUTES = 5, 180
CODING_FROM_MINUTES = 20      # one exercise from here on
TWO_EXERCISES_FROM_MINUTES = 40
# Seeds are stored with the report in an SQLite INTEGER column (signed 64 bits).
MAX_SEED = 2**63 - 1


def check_length(minutes: int) -> None:
    """Raise ValueError, saying what is allowed, for an interview length nobody would sit."""
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise ValueError(f"an interview lasts {MIN_MINUTES} to {MAX_MINUTES} minutes, not {minutes}")


def check_seed(seed: int) -> None:
    """Raise ValueError for a seed the report cannot be stored with."""
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(f"a seed is a whole number from 0 to {MAX_SEED}, not {seed}")


@dataclass(frozen=True)
class InterviewItem:
    """One item: a question (shown with its shuffled choices) or an exercise id."""

    kind: str                     # "question" or "exercise"
    item: QuizItem | None = None
    exercise: str = ""
    title: str = ""

    @property
    def label(self) -> str:
        return self.item.question.id if self.item is not None else self.exercise


@dataclass(frozen=True)
class ItemResult:
    label: str
    kind: str
    topic: str
    correct: bool
    answered: bool
    seconds: float
    given: str = ""
    model_answer: str = ""
    status: str = ""              # exercises: the grade's status
    qtype: str = ""               # questions: the question type, for scheduling its card
    score: float = 0.0            # questions: partial credit, as the answer checker gave it
    code: str = ""                # exercises: the code written for it when the item ended ("" if none was written)


@dataclass(frozen=True)
class Report:
    """What an interviewer would write down afterwards."""

    seed: int
    minutes: int
    started_at: float
    score: float
    right: int
    total: int
    by_topic: dict[str, tuple[int, int]]
    items: tuple[ItemResult, ...]
    work_on: tuple[str, ...]
    timed_out: bool = False
    status: str = "finished"      # "unfinished" while it runs, or when it was interrupted

    @property
    def answered(self) -> int:
        return sum(r.answered for r in self.items)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping) -> Report:
        """A stored report (to_dict()) back as a Report; fields an older or newer quizprep did not write take their defaults."""
        known = {f.name for f in fields(ItemResult)}
        items = tuple(ItemResult(**{k: v for k, v in item.items() if k in known}) for item in data.get("items", ()))
        by_topic = {t: (int(a), int(b)) for t, (a, b) in dict(data.get("by_topic", {})).items()}
        mine = {f.name for f in fields(cls)} - {"items", "by_topic", "work_on"}
        return cls(**{k: v for k, v in data.items() if k in mine}, by_topic=by_topic, items=items,
                   work_on=tuple(data.get("work_on", ())))


def plan_interview(questions: Sequence[Question], *, minutes: int = 45, seed: int = 0,
                   topic_weights: Mapping[str, float] | None = None, due_ids: Sequence[str] = (),
                   exercises: Sequence[tuple[str, str]] = ()) -> list[InterviewItem]:
    """Choose the items: weighted towards weak and due topics, at least a third `explain`, and one or
    two of `exercises` ((id, title) the learner has not passed recently) when the time allows."""
    rng = random.Random(seed)
    n_ex = 0 if not exercises or minutes < CODING_FROM_MINUTES else (
        2 if minutes >= TWO_EXERCISES_FROM_MINUTES and len(exercises) >= 2 else 1)
    budget = max(minutes - n_ex * MINUTES["exercise"], 0)
    due = set(due_ids)
    weights = topic_weights or {}

    def weight(q: Question) -> float:
        return max(weights.get(q.topic, 1.0), 0.05) * (2.0 if q.id in due else 1.0)

    pool = sorted(questions, key=lambda q: q.id)
    explain = [q for q in pool if q.type == "explain"]
    other = [q for q in pool if q.type != "explain"]
    picked: list[Question] = []
    used = 0.0
    while True:
        n_explain = sum(q.type == "explain" for q in picked)
        want_explain = explain and n_explain < EXPLAIN_SHARE * (len(picked) + 1)
        source = explain if want_explain else (other or explain)
        cost = MINUTES["explain" if source is explain else "question"]
        if not source or used + cost > budget:
            break
        choice = _weighted_pick(rng, source, weight)
        source.remove(choice)
        picked.append(choice)
        used += cost
    rng.shuffle(picked)
    session = QuizSession(picked, seed=rng.randrange(1 << 30))
    items = [InterviewItem("question", item=i) for i in session.items]
    chosen_ex = rng.sample(sorted(exercises), n_ex) if n_ex else []
    # an interviewer asks a couple of concept questions, then the coding, then the rest
    for k, (eid, title) in enumerate(chosen_ex):
        items.insert(min(len(items), 2 + k * 4), InterviewItem("exercise", exercise=eid, title=title))
    return items


def describe_plan(items: Sequence[InterviewItem], minutes: int) -> str:
    """What the interview holds, in a line: the concept questions, the explain ones, and the coding."""
    questions = [i for i in items if i.kind == "question"]
    n_explain = sum(i.item.question.type == "explain" for i in questions)
    n_ex = len(items) - len(questions)
    line = f"{len(questions)} concept question(s) ({n_explain} explain) and "
    if n_ex:
        return line + f"{n_ex} coding exercise(s) in {minutes} minutes"
    why = f"coding needs {CODING_FROM_MINUTES} minutes or more" if minutes < CODING_FROM_MINUTES else "no exercise is available"
    return line + f"no coding in {minutes} minutes ({why})"


def _weighted_pick(rng: random.Random, options: list[Question], weight: Callable[[Question], float]) -> Question:
    total = sum(weight(q) for q in options)
    x = rng.random() * total
    for q in options:
        x -= weight(q)
        if x <= 0:
            return q
    return options[-1]


@dataclass
class InterviewSession:
    """Runs a planned interview against a clock: answers, grades, time running out, and the report."""

    items: list[InterviewItem]
    minutes: int
    seed: int = 0
    clock: Callable[[], float] = time.monotonic
    wall_clock: Callable[[], float] = time.time
    results: list[ItemResult] = field(default_factory=list)
    draft: tuple[str, str] | None = None  # the current exercise's code so far and its latest grade (see keep_draft)

    def __post_init__(self) -> None:
        check_seed(self.seed)  # refused up front: the report must be storable when the interview ends
        self.started = self.clock()
        self.started_at = self.wall_clock()
        self._item_started = self.started

    @property
    def deadline(self) -> float:
        return self.started + self.minutes * 60

    def remaining(self) -> float:
        """Seconds left (never negative)."""
        return max(self.deadline - self.clock(), 0.0)

    @property
    def time_up(self) -> bool:
        return self.remaining() <= 0

    @property
    def current(self) -> InterviewItem | None:
        if self.time_up:
            return None
        i = len(self.results)
        return self.items[i] if i < len(self.items) else None

    def _spent(self) -> float:
        now = self.clock()
        spent, self._item_started = now - self._item_started, now
        self.draft = None
        return spent

    def keep_draft(self, code: str, status: str = "") -> None:
        """The current exercise's code so far and its latest grade ("" if not graded yet): if the interview ends
        before the exercise is recorded, the report keeps them instead of "not reached". Kept after time is up too."""
        at = len(self.results)
        if at < len(self.items) and self.items[at].kind == "exercise":
            self.draft = (code, status)

    def answer(self, response, *, text: str = "") -> ItemResult:
        """Answer the current question (`response` in display positions, as in QuizSession)."""
        entry = self.current
        if entry is None or entry.kind != "question":
            raise RuntimeError("the current item is not a question")
        q = entry.item.question
        bank_response = QuizSession.to_bank_response(entry.item, response)
        verdict = check_answer(q, bank_response)
        result = ItemResult(q.id, "question", q.topic, verdict.correct, True, self._spent(),
                            describe_response(q, bank_response, text), q.model_answer if q.type == "explain" else "",
                            qtype=q.type, score=verdict.score)
        self.results.append(result)
        return result

    def record_exercise(self, status: str, topic: str = "", code: str = "") -> ItemResult:
        """Record the latest grade of the current exercise ('pass', 'fail', 'error', 'timeout' or 'skipped') and the
        code written for it."""
        entry = self.current
        if entry is None or entry.kind != "exercise":
            raise RuntimeError("the current item is not an exercise")
        result = ItemResult(entry.exercise, "exercise", topic, status == "pass", status != "skipped", self._spent(), status=status,
                            code=code)
        self.results.append(result)
        return result

    @property
    def answered_any(self) -> bool:
        """Whether the learner has answered anything yet (an interview ended before that is not kept)."""
        return any(r.answered for r in self.results)

    def report(self, topic_of_exercise: Mapping[str, str] | None = None, *, finished: bool = True) -> Report:
        """The report: unanswered items (time ran out, or the session was ended) count as missed.

        `finished=False` is the report of an interview still running (or interrupted), kept as unfinished.
        """
        results = list(self.results)
        for entry in self.items[len(results):]:
            if entry.kind == "exercise" and self.draft is not None and len(results) == len(self.results):
                code, status = self.draft  # the exercise under way when the interview ended
                spent = max(min(self.clock(), self.deadline) - self._item_started, 0.0)
                results.append(ItemResult(entry.exercise, "exercise", (topic_of_exercise or {}).get(entry.exercise, ""), status == "pass",
                                          bool(status), spent, status=status or "not graded", code=code))
            elif entry.kind == "question":
                q = entry.item.question
                results.append(ItemResult(q.id, "question", q.topic, False, False, 0.0, "", q.model_answer if q.type == "explain" else "",
                                          qtype=q.type))
            else:
                results.append(ItemResult(entry.exercise, "exercise", (topic_of_exercise or {}).get(entry.exercise, ""), False, False, 0.0,
                                          status="not reached"))
        right = sum(r.correct for r in results)
        per: dict[str, list[int]] = {}
        for r in results:
            per.setdefault(r.topic or "exercises", [0, 0])
            per[r.topic or "exercises"][0] += r.correct
            per[r.topic or "exercises"][1] += 1
        return Report(seed=self.seed, minutes=self.minutes, started_at=self.started_at,
                      score=round(right / len(results), 4) if results else 0.0, right=right, total=len(results),
                      by_topic={t: (a, b) for t, (a, b) in per.items()}, items=tuple(results),
                      work_on=work_on_next(results, time_ran_out=self.time_up), timed_out=self.time_up,
                      status="finished" if finished else "unfinished")


def code_to_show(code: str) -> tuple[int, str]:
    """An exercise's code for a report, and the line it starts at (numbers match the file): without the module
    docstring (the exercise's contract, which the learner did not write) and the blank lines after it."""
    import ast

    try:
        body = ast.parse(code).body
    except (SyntaxError, ValueError):  # shown whole: it may not parse
        return 1, code
    if not body or not isinstance(body[0], ast.Expr) or not isinstance(getattr(body[0], "value", None), ast.Constant) \
            or not isinstance(body[0].value.value, str):
        return 1, code
    lines = code.splitlines()
    start = body[0].end_lineno or 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    return start + 1, "\n".join(lines[start:])


def work_on_next(results: Sequence[ItemResult], n: int = 3, *, time_ran_out: bool = True) -> tuple[str, ...]:
    """The three things to work on: the topics with the most misses, then failed exercises, then the pace
    (only when time ran out: an interview ended early says nothing of the learner's speed)."""
    misses = [r for r in results if not r.correct and r.kind == "question"]
    missed = Counter(r.topic for r in misses)
    explained = {r.topic for r in misses if r.qtype == "explain"}
    out = [f"{topic}: {k} missed — " + ("review it and write its explain answers again" if topic in explained
                                        else f"review it (`quizprep quiz -t {topic}`)")
           for topic, k in missed.most_common()]
    out += [f"exercise {r.label}: {r.status} — reset it and implement it again" for r in results if r.kind == "exercise" and not r.correct]
    unanswered = sum(not r.answered for r in results)
    if unanswered and time_ran_out:
        out.append(f"pace: {unanswered} item(s) not reached — answer concept questions in under 2 minutes")
    return tuple(out[:n])
