"""What a check uses to run code: `Learner` (sandboxed, one fresh process per call) and `Reference`."""

from __future__ import annotations

import copy
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np

from . import wire
from .sandbox import CallResult, LearnerFailure, LearnerTimeout, Limits, load_module, run_learner


class NotRun(Exception):
    """A check was not run because an earlier problem ended the grade."""


class Learner:
    """Runs fn(module, *args) against the learner's file in a fresh, limited process per call.

    The arguments reach the child by fork, so any Python object can be passed; only the return
    value travels back, as plain data. The whole grade shares one wall-clock deadline.
    """

    def __init__(self, path: Path, *, deadline: float, limits: Limits = Limits(), module_name: str = "learner") -> None:
        self.path = Path(path)
        self.deadline = deadline
        self.limits = limits
        self.module_name = module_name
        self.outputs: list[str] = []
        self.stopped: str | None = None

    def call(self, fn: Callable | None, *args) -> CallResult:
        """Run one probe; return its value, warnings and printed output, or raise LearnerFailure."""
        if self.stopped:
            raise NotRun(self.stopped)
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            self.stopped = "not run: the time limit for the whole grade was reached"
            raise LearnerTimeout("the time limit for the whole grade was reached — look for an infinite loop or very slow code")
        try:
            result = run_learner(self.path, fn, *args, timeout=remaining, limits=self.limits, module_name=self.module_name)
        except LearnerTimeout:
            self.stopped = "not run: an earlier check ran out of time"
            raise
        except LearnerFailure as failure:
            if failure.exhausting:
                self.stopped = "not run: an earlier check ran out of memory"
            raise
        if result.output:
            self.outputs.append(result.output)
        return result

    def run(self, fn: Callable, *args):
        """The value of fn(learner_module, *args)."""
        return self.call(fn, *args).value


class Reference:
    """Runs fn(module, *args) against the reference solution, in this (trusted) process.

    Arguments are deep-copied first and the result goes through the same encoding as the learner's,
    so both sides are compared as the same kind of value.
    """

    def __init__(self, path: Path, module_name: str = "reference") -> None:
        self.path = Path(path)
        self.module = load_module(self.path, module_name)

    def run(self, fn: Callable, *args):
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            value = fn(self.module, *copy.deepcopy(args))
        return wire.decode(wire.encode(value))


__all__ = ["Learner", "LearnerFailure", "NotRun", "Reference"]
