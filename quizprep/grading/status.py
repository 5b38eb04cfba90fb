"""Where a learner stands on an exercise, in the same words on every screen (`list`, `watch`, the app).

A grade's status (`pass`, `fail`, `error`, `timeout`) describes one run; an exercise's status
describes the learner's copy now. After `reset` the copy is the stub again, so a past pass is
reported as "passed, reset" rather than "passed": the file in front of the learner is not the one
that passed.
"""

from __future__ import annotations

NOT_STARTED = "not started"  # never graded, the file is still the stub
STARTED = "started"  # never graded, the file has been edited
FAILING = "failing"  # the last grade did not pass
PASSED = "passed"  # the last grade passed
PASSED_RESET = "passed, reset"  # the last grade passed, then the file was put back to the stub
REVIEW_DUE = "review due"  # passed a while ago and due to be implemented again from the stub

STATUSES = (NOT_STARTED, STARTED, FAILING, PASSED, PASSED_RESET, REVIEW_DUE)

# one mark per status, for faces that show a symbol next to the word (the word is always shown too)
MARKS = {NOT_STARTED: "·", STARTED: "…", FAILING: "✗", PASSED: "✓", PASSED_RESET: "✓", REVIEW_DUE: "↻"}

MEANINGS = {
    NOT_STARTED: "your copy is the stub and has not been graded",
    STARTED: "you have edited your copy but not graded it yet",
    FAILING: "the last grade did not pass",
    PASSED: "the last grade passed",
    PASSED_RESET: "you passed it, then reset your copy to the stub",
    REVIEW_DUE: "time to implement it again from the stub",
}


def status_word(last_grade: str | None, *, edited: bool, due: bool = False) -> str:
    """The status from the last grade's status (None if never graded), whether the copy differs from the stub, and review."""
    if due:
        return REVIEW_DUE
    if last_grade is None:
        return STARTED if edited else NOT_STARTED
    if last_grade == "pass":
        return PASSED if edited else PASSED_RESET
    return FAILING


def exercise_status(exercise, last_grade: str | None, *, due: bool = False) -> str:
    """The status of an exercise, reading the learner's copy in the workspace."""
    from .workspace import is_started

    return status_word(last_grade, edited=is_started(exercise), due=due)
