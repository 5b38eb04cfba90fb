"""Checking a learner's response to a question, for every question type.

Responses refer to choices and items by their index in the bank file (the quiz session maps
shuffled display positions back before calling `check_answer`):
single -> int; multiple -> iterable of int; true_false -> bool; numeric -> str or number;
short -> str; order -> sequence of item indices in the learner's order; explain -> iterable of the
indices of the key points the learner ticked.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .model import Question
from .schema import is_regex


@dataclass(frozen=True)
class Verdict:
    """The outcome of one answer: right or not, a 0..1 score, the expected answer and feedback."""

    correct: bool
    score: float
    expected: str
    feedback: tuple[str, ...] = ()


_SCI = re.compile(r"^([+-]?(?:\d+\.?\d*|\.\d+))\s*(?:[x×*]|\s)\s*10\s*(?:\^|\*\*)\s*\(?([+\-−]?\d+)\)?$", re.IGNORECASE)
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")


def parse_number(text: str | float | int) -> float:
    """Read a number as people type it: 0.0066, 6.6e-3, 6.6 x 10^-3, 1,000. Raises ValueError."""
    if isinstance(text, bool):
        raise ValueError("expected a number")
    if isinstance(text, (int, float)):
        value = float(text)
    else:
        s = text.strip().replace("−", "-").replace(" ", " ")
        if _THOUSANDS.match(s):
            s = s.replace(",", "")
        m = _SCI.match(s)
        if m:
            s = f"{m.group(1)}e{m.group(2).replace('−', '-')}"
        if "," in s:
            raise ValueError(f"`{text}` is not a number — use a dot for decimals, e.g. 0.5")
        try:
            value = float(s)
        except ValueError:
            raise ValueError(f"`{text}` is not a number — write e.g. 0.0066, 6.6e-3 or 6.6 x 10^-3") from None
    if not math.isfinite(value):
        raise ValueError("the answer must be a finite number")
    return value


def normalize_text(text: str) -> str:
    """Case- and whitespace-insensitive form of a short answer (a trailing full stop is ignored)."""
    return "".join(text.split()).casefold().rstrip(".")


def within_tolerance(question: Question, value: float) -> bool:
    """True when value is within the numeric question's absolute or relative tolerance (inclusive)."""
    diff = abs(value - question.answer)
    bounds = []
    if question.tolerance is not None:
        bounds.append(question.tolerance)
    if question.rel_tolerance is not None:
        bounds.append(question.rel_tolerance * abs(question.answer))
    # the tiny slack keeps an answer exactly on the edge inside despite binary rounding
    return any(diff <= b or math.isclose(diff, b, rel_tol=1e-9, abs_tol=1e-300) for b in bounds)


def format_expected(question: Question) -> str:
    """The correct answer as a learner should read it."""
    t = question.type
    if t == "single":
        return next(c.text for c in question.choices if c.correct).strip()
    if t == "multiple":
        return "; ".join(c.text.strip() for c in question.choices if c.correct)
    if t == "true_false":
        return "True" if question.answer else "False"
    if t == "numeric":
        parts = []
        if question.tolerance is not None:
            parts.append(f"± {question.tolerance:g}")
        if question.rel_tolerance is not None:
            parts.append(f"± {question.rel_tolerance * 100:g}%")
        return f"{question.answer:g} ({' or '.join(parts)})"
    if t == "short":
        plain = [a for a in question.accept if not is_regex(a)]
        return plain[0] if plain else question.accept[0]
    if t == "order":
        return " → ".join(question.items)
    return question.model_answer.strip()


def check_answer(question: Question, response) -> Verdict:
    """Check one response (see the module docstring for its form per type)."""
    expected = format_expected(question)
    t = question.type
    if t == "single":
        picked = int(response)
        choice = question.choices[picked]
        feedback = () if choice.correct or not choice.why else (choice.why.strip(),)
        return Verdict(choice.correct, float(choice.correct), expected, feedback)
    if t == "multiple":
        picked = set(map(int, response))
        right = question.correct_choices
        feedback = [question.choices[i].why.strip() for i in sorted(picked - right) if question.choices[i].why]
        missed = [question.choices[i].text.strip() for i in sorted(right - picked)]
        if missed:
            feedback.append("Also correct: " + "; ".join(missed))
        union = picked | right
        score = len(picked & right) / len(union) if union else 0.0
        return Verdict(picked == right, score, expected, tuple(feedback))
    if t == "true_false":
        ok = bool(response) == question.answer
        return Verdict(ok, float(ok), expected)
    if t == "numeric":
        ok = within_tolerance(question, parse_number(response))
        return Verdict(ok, float(ok), expected)
    if t == "short":
        ok = _short_matches(question.accept, str(response))
        return Verdict(ok, float(ok), expected)
    if t == "order":
        order = [int(i) for i in response]
        n = len(question.items)
        if sorted(order) != list(range(n)):
            raise ValueError(f"an order answer must list each of the {n} items once")
        in_place = sum(i == pos for pos, i in enumerate(order))
        return Verdict(in_place == n, in_place / n, expected)
    if t == "explain":
        ticked = _indices(response, len(question.key_points))
        n = len(question.key_points)
        missed = [question.key_points[i] for i in range(n) if i not in ticked]
        feedback = ("Key points to add: " + "; ".join(missed),) if missed else ()
        return Verdict(len(ticked) * 2 >= n, len(ticked) / n, expected, feedback)
    raise ValueError(f"unknown question type {t!r}")


def _short_matches(accept: Sequence[str], given: str) -> bool:
    norm = normalize_text(given)
    collapsed = " ".join(given.split()).rstrip(".")
    for entry in accept:
        if is_regex(entry):
            if re.fullmatch(entry[1:-1], collapsed, re.IGNORECASE):
                return True
        elif normalize_text(entry) == norm:
            return True
    return False


def _indices(response: Iterable[int], n: int) -> set[int]:
    out = set(map(int, response))
    if any(not 0 <= i < n for i in out):
        raise ValueError(f"key point indices must be between 0 and {n - 1}")
    return out
