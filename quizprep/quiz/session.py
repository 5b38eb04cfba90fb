"""A quiz session: questions presented one at a time, answers checked, score kept.

Choices and order items are shown shuffled; the learner answers by display position and the
session maps positions back to the bank's own indices, so correctness never depends on the shuffle.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..bank import Choice, Question, Verdict, check_answer, question_type


@dataclass(frozen=True)
class QuizItem:
    """A question as presented: the display order of its choices and of its items."""

    question: Question
    choice_order: tuple[int, ...] = ()
    item_order: tuple[int, ...] = ()

    @property
    def choices(self) -> list[Choice]:
        """Choices in display order."""
        return [self.question.choices[i] for i in self.choice_order]

    @property
    def items(self) -> list[str]:
        """Order items in their shuffled starting order."""
        return [self.question.items[i] for i in self.item_order]


@dataclass(frozen=True)
class AnswerRecord:
    """One answered question: the response in bank indices, as text, its verdict and the time taken."""

    item: QuizItem
    response: object
    given: str
    verdict: Verdict
    seconds: float


@dataclass(frozen=True)
class TopicScore:
    topic: str
    right: int
    total: int


@dataclass(frozen=True)
class SessionSummary:
    """Score overall and by topic, and the questions answered wrongly."""

    right: int
    answered: int
    total: int
    by_topic: tuple[TopicScore, ...]
    missed: tuple[Question, ...]


class QuizSession:
    """Presents questions in order, checks each answer, supports undo of the last one."""

    def __init__(
        self,
        questions: Sequence[Question],
        *,
        seed: int | None = None,
        shuffle_choices: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        rng = random.Random(seed)
        self.items: list[QuizItem] = [self._present(q, rng, shuffle_choices) for q in questions]
        self.records: list[AnswerRecord] = []
        self._clock = clock
        self._shown_at = clock()

    @staticmethod
    def _present(q: Question, rng: random.Random, shuffle_choices: bool) -> QuizItem:
        question_type(q.type)  # a question of an unknown type is refused here, before any face tries to show it
        choice_order = list(range(len(q.choices)))
        if shuffle_choices:
            rng.shuffle(choice_order)
        item_order = list(range(len(q.items)))
        if len(item_order) > 1:
            while item_order == sorted(item_order):  # never start an order question already solved
                rng.shuffle(item_order)
        return QuizItem(q, tuple(choice_order), tuple(item_order))

    @property
    def position(self) -> int:
        """Index of the current item (== number answered)."""
        return len(self.records)

    @property
    def current(self) -> QuizItem | None:
        """The item to answer now, or None when the session is over."""
        return self.items[self.position] if self.position < len(self.items) else None

    @property
    def finished(self) -> bool:
        return self.current is None

    @staticmethod
    def to_bank_response(item: QuizItem, response):
        """Map a display-position response to bank indices (an unknown type is an UnknownQuestionType error)."""
        return question_type(item.question.type).from_display(item, response)

    def answer(self, response, *, text: str = "", seconds: float | None = None) -> AnswerRecord:
        """Answer the current item. `response` uses display positions; `text` is an explain answer."""
        item = self.current
        if item is None:
            raise RuntimeError("the session is over")
        bank_response = self.to_bank_response(item, response)
        verdict = check_answer(item.question, bank_response)
        elapsed = self._clock() - self._shown_at if seconds is None else seconds
        record = AnswerRecord(item, bank_response, describe_response(item.question, bank_response, text), verdict, elapsed)
        self.records.append(record)
        self._shown_at = self._clock()
        return record

    def undo(self) -> AnswerRecord | None:
        """Take back the last answer; its question becomes current again."""
        if not self.records:
            return None
        self._shown_at = self._clock()
        return self.records.pop()

    def summary(self) -> SessionSummary:
        """Score so far, per topic in the order topics first appear."""
        per: dict[str, list[int]] = {}
        for item in self.items:
            per.setdefault(item.question.topic, [0, 0])
        for r in self.records:
            per[r.item.question.topic][0] += r.verdict.correct
            per[r.item.question.topic][1] += 1
        right = sum(r.verdict.correct for r in self.records)
        return SessionSummary(
            right=right,
            answered=len(self.records),
            total=len(self.items),
            by_topic=tuple(TopicScore(t, a, b) for t, (a, b) in per.items()),
            missed=tuple(r.item.question for r in self.records if not r.verdict.correct),
        )


def describe_response(question: Question, response, text: str = "") -> str:
    """A response (bank indices) as readable text, for history and reports."""
    return question_type(question.type).describe(question, response, text)
