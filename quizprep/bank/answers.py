"""The values shared by answer checking: the `Verdict`, reading numbers as people type them, tolerances and
matching short answers. Each question type's own checking lives in `types.py`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Question
from .regex_safety import MAX_MATCHED_CHARS


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


def is_regex(entry: str) -> bool:
    """True when an `accept` entry is written `/.../`."""
    return len(entry) >= 2 and entry.startswith("/") and entry.endswith("/")


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


def short_matches(accept: Sequence[str], given: str) -> bool:
    """True when a short answer matches one of the accepted spellings or `/regular expressions/`."""
    norm = normalize_text(given)
    collapsed = " ".join(given.split()).rstrip(".")
    for entry in accept:
        if is_regex(entry):
            if len(collapsed) <= MAX_MATCHED_CHARS and re.fullmatch(entry[1:-1], collapsed, re.IGNORECASE):
                return True
        elif normalize_text(entry) == norm:
            return True
    return False
