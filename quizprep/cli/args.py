"""Command-line values checked when they are parsed, so a bad one is one line and exit status 2, never a crash later.

`OneLineParser` makes every argparse error a single line that says where to look for help; the
`*_arg` functions are argparse `type=` callables with the ranges a person would use.
"""

from __future__ import annotations

import argparse
import math

TIMEOUT_RANGE = (0.1, 600.0)  # seconds: under 0.1 nothing can finish; past 10 minutes a grade is stuck, not slow
COUNT_MAX = 10_000  # more questions than any bank holds; keeps a typo from building a huge queue
SEED_MAX = 2**63 - 1  # what SQLite and every random generator quizprep uses can hold


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line: `quizprep VERB: what is wrong — see quizprep VERB --help`."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} — see `{self.prog} --help`\n")


def _number(text: str, what: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None


def timeout_arg(text: str) -> float:
    """A grading time limit in seconds: a finite number in TIMEOUT_RANGE."""
    low, high = TIMEOUT_RANGE
    value = _number(text, "a number of seconds")
    if not (math.isfinite(value) and low <= value <= high):
        raise argparse.ArgumentTypeError(f"takes {low:g} to {high:g} seconds, not {text}")
    return value


def _integer(text: str, what: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None


def count_arg(text: str) -> int:
    """How many questions: a whole number from 1 to COUNT_MAX."""
    value = _integer(text, "a whole number")
    if not 1 <= value <= COUNT_MAX:
        raise argparse.ArgumentTypeError(f"takes a whole number from 1 to {COUNT_MAX}, not {text}")
    return value


def seed_arg(text: str) -> int:
    """A shuffle seed: a whole number from 0 to SEED_MAX."""
    value = _integer(text, "a whole number")
    if not 0 <= value <= SEED_MAX:
        raise argparse.ArgumentTypeError(f"takes a whole number from 0 to {SEED_MAX}, not {text}")
    return value
