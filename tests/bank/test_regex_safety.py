"""Regular expressions that could hang the quiz are refused where the bank is read, at their line.

Which patterns are slow is shown here by timing `re` itself on the classic inputs that make a
backtracking matcher try every way of splitting them, not by asking the checker.
"""

import re
import time

import pytest

from quizprep.bank.answers import short_matches
from quizprep.bank.cues import cue_problem
from quizprep.bank.loader import load_bank
from quizprep.bank.regex_safety import MAX_MATCHED_CHARS, slow_pattern

from .helpers import bank_text, write_bank

# pattern, the answer of size k that makes `re` try every way of splitting it, and two sizes to time it at
SLOW = [
    (r"(a+)+$", lambda k: "a" * k + "!", 14, 18),
    (r"(a|aa)*c", lambda k: "a" * k + "!", 20, 26),
    (r"(\w+\s?)*$", lambda k: "ab " * k + "!", 11, 15),
    (r"(x+x+)+y", lambda k: "x" * k, 14, 18),
    (r"(add\w* |additional )*params", lambda k: "additional " * k + "!", 11, 15),
    (r"(a*)*b", lambda k: "a" * k, 14, 18),
]
FAST = [r"adam ?w", r"colou?r", r"(cat|dog)s?", r"(ab|cd)+", r"(\d+,)*\d+", r"(\w+ ){0,3}state", r"[\w-]+x",
        r"(learned |learnable |linear )*projection", r"soft ?max|logsumexp", r"l2|ridge|weight decay"]


def _seconds(compiled: re.Pattern, text: str) -> float:
    start = time.perf_counter()
    compiled.fullmatch(text)
    return time.perf_counter() - start


@pytest.mark.parametrize(("pattern", "answer", "small", "large"), SLOW, ids=[case[0] for case in SLOW])
def test_a_pattern_that_backtracks_exponentially_is_refused(pattern, answer, small, large):
    compiled = re.compile(pattern, re.IGNORECASE)
    # a few more characters multiply the time (a linear matcher would take about as long): exponential
    assert min(_seconds(compiled, answer(large)) for _ in range(2)) > 4 * min(_seconds(compiled, answer(small)) for _ in range(3))
    assert slow_pattern(pattern) is not None


@pytest.mark.parametrize("pattern", FAST)
def test_ordinary_answer_patterns_are_kept(pattern):
    assert slow_pattern(pattern) is None


def test_validation_names_the_line_of_a_slow_accept_pattern(tmp_path):
    question = ("  - id: redos\n    type: short\n    difficulty: 1\n    prompt: p\n    accept:\n      - relu\n"
                "      - /(a+)+$/   # <-\n    explanation: e\n")
    path, line = write_bank(tmp_path, bank_text(question))
    start = time.monotonic()
    problems = load_bank(path).problems
    assert time.monotonic() - start < 5
    assert any(p.line == line and "/(a+)+$/ could take minutes to match" in p.message for p in problems), problems


def test_a_slow_cue_is_a_cue_problem():
    assert "could take minutes to match" in cue_problem(r"/(\w+\s?)*gradient/")
    assert cue_problem(r"/identity (path|term|matrix)/") is None


def test_a_long_answer_is_not_matched_against_a_pattern():
    start = time.monotonic()
    assert short_matches(["/(a|b)*c/", "relu"], "a" * (MAX_MATCHED_CHARS + 1) + "c") is False
    assert short_matches(["/(a|b)*c/"], "ab" * 50 + "c") is True
    assert time.monotonic() - start < 1
