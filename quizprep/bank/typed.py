"""An answer typed as one line of text, read the way the plain-terminal quiz reads it, with choices and
items numbered as the bank lists them (1-based, unshuffled): what `quizprep check` takes.

single: a choice number, `2`; multiple: choice numbers, `1,3` or `1 3`; true_false: t, f, true or false;
numeric: a number as people type it (`6.6e-3`, `6.6 x 10^-3`); short: the text; order: every item's number
once, in the order the learner puts them, `3 1 2`; explain: the written answer, whose key points are ticked
as its cues suggest (`suggested_ticks`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .answers import Verdict, parse_number
from .cues import Detection, detect, suggested_ticks
from .model import Question
from .types import UnknownQuestionType, check_answer


def _numbers(raw: str, n: int, what: str) -> list[int]:
    parts = raw.replace(",", " ").split()
    if not parts or not all(p.isdigit() and 1 <= int(p) <= n for p in parts):
        raise ValueError(f"`{raw}` is not {what} — use numbers from 1 to {n}")
    return [int(p) - 1 for p in parts]


def _single(q: Question, raw: str):
    picked = _numbers(raw, len(q.choices), "a choice number")
    if len(picked) != 1:
        raise ValueError(f"`{raw}` is more than one choice — a single-answer question takes one number from 1 to {len(q.choices)}")
    return picked[0]


def _multiple(q: Question, raw: str):
    return frozenset(_numbers(raw, len(q.choices), "a list of choice numbers"))


def _true_false(q: Question, raw: str):
    word = raw.strip().lower()
    if word not in ("t", "true", "f", "false"):
        raise ValueError(f"`{raw}` is not true or false — type t (or true) or f (or false)")
    return word.startswith("t")


def _numeric(q: Question, raw: str):
    return parse_number(raw)


def _short(q: Question, raw: str):
    if not raw.strip():
        raise ValueError("the answer is empty — type the word or phrase")
    return raw.strip()


def _order(q: Question, raw: str):
    n = len(q.items)
    order = _numbers(raw, n, "an order of the items")
    if sorted(order) != list(range(n)):
        example = " ".join(map(str, range(1, n + 1)))
        raise ValueError(f"`{raw}` does not list each item once — list each number from 1 to {n} once, e.g. {example}")
    return tuple(order)


def _explain(q: Question, raw: str):
    return suggested_ticks(q, raw)


# how each type reads a typed answer (a test keeps its keys equal to the registry's); each returns the
# response in bank indices, as check_answer takes it, or raises ValueError saying what to type
READ_TYPED: dict[str, Callable[[Question, str], object]] = {
    "single": _single, "multiple": _multiple, "true_false": _true_false, "numeric": _numeric,
    "short": _short, "order": _order, "explain": _explain,
}


def read_typed(question: Question, raw: str):
    """The response a typed answer gives, in bank indices; ValueError when it cannot be read."""
    if question.type not in READ_TYPED:
        raise UnknownQuestionType(question.type)
    return READ_TYPED[question.type](question, raw)


@dataclass(frozen=True)
class TypedCheck:
    """A typed answer checked without recording it: the text, the response read from it, the verdict, and
    for an explain question the detection of each key point (empty for other types)."""

    question: Question
    text: str
    response: object
    verdict: Verdict
    detections: tuple[Detection, ...] = ()

    def to_dict(self) -> dict:
        """The `quizprep check --json` object."""
        out: dict = {"correct": self.verdict.correct, "score": self.verdict.score}
        if self.question.type != "explain":
            out["expected"] = self.verdict.expected
            return out
        text = self.text
        out["key_points"] = [{"text": d.text, "detected": d.detected, "matched": [text[a:b] for a, b in d.spans],
                              "negated": [text[a:b] for a, b in d.negated_spans]} for d in self.detections]
        return out


def check_typed(question: Question, raw: str) -> TypedCheck:
    """Check a typed answer to any question (nothing is recorded); ValueError when it cannot be read."""
    response = read_typed(question, raw)
    verdict = check_answer(question, response)
    detections = detect(question, raw) if question.type == "explain" else ()
    return TypedCheck(question, raw, response, verdict, detections)
