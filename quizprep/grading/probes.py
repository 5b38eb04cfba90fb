"""What a check uses to run code: `Learner` (sandboxed, one fresh process per call) and `Reference`.

Both also offer a grade-scoped memo, `call_once` / `run_once`, for a run that several checks read, and
`part` for one piece of such a run that is reported as if it had been a call of its own (`guarded`).
"""

from __future__ import annotations

import copy
import time
import warnings
from collections.abc import Callable, Hashable
from pathlib import Path

import numpy as np

from . import wire
from .parts import guarded, guarded_afresh
from .sandbox import (
    SECRET_MODULES,
    CallResult,
    LearnerFailure,
    LearnerTimeout,
    Limits,
    _failure_from,
    load_module,
    read_source,
    run_learner,
    timeout_message,
)
from .zygote import Launcher

# A time-out that came after earlier checks had used this much of the grade's time says how much was left.
EARLIER_CHECKS_S = 0.5


class NotRun(Exception):
    """A check was not run because an earlier problem ended the grade."""


class Learner:
    """Runs fn(module, *args) against the learner's file in a fresh, limited process per call.

    The probe and its arguments reach the child pickled (a check's own functions and classes by
    value); only the return value travels back, as plain data. The learner's source is read once,
    here, so every call of one grade runs the same text. The whole grade shares one wall-clock deadline.
    """

    def __init__(self, path: Path, *, deadline: float, limits: Limits = Limits(), module_name: str = "learner",
                 launcher: Launcher | None = None) -> None:
        self.path = Path(path)
        self.deadline = deadline
        self.limits = limits
        self.module_name = module_name
        self.launcher = launcher
        try:
            self.source: bytes | None = read_source(self.path)
            self._unreadable: LearnerFailure | None = None
        except LearnerFailure as failure:
            self.source, self._unreadable = None, failure
        self.created = time.monotonic()
        self.outputs: list[str] = []
        self.stopped: str | None = None
        self._once: dict[tuple[str, Hashable], CallResult | LearnerFailure] = {}
        self._parts_read: set[tuple[str, Hashable, str]] = set()

    def call(self, fn: Callable | None, *args) -> CallResult:
        """Run one probe; return its value, warnings and printed output, or raise LearnerFailure."""
        if self.stopped:
            raise NotRun(self.stopped)
        if self._unreadable is not None:
            raise self._unreadable
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            self.stopped = "not run: the time limit for the whole grade was reached"
            raise LearnerTimeout("the time limit for the whole grade was reached — look for an infinite loop or very slow code")
        try:
            result = run_learner(self.path, fn, *args, timeout=remaining, limits=self.limits, module_name=self.module_name,
                                 source=self.source, launcher=self.launcher)
        except LearnerTimeout as timeout:
            self.stopped = "not run: an earlier check ran out of time"
            total = self.deadline - self.created
            if total - remaining >= EARLIER_CHECKS_S:  # the time limit is the grade's, and earlier checks used some of it
                timeout.message = timeout_message(f"{total:.0f} s for the whole grade, of which {remaining:.1f} s were left for this check")
                timeout.args = (timeout.message,)
            raise
        except LearnerFailure as failure:
            if failure.exhausting:
                self.stopped = failure.stop
            raise
        if result.output:
            self.outputs.append(result.output)
        return result

    def run(self, fn: Callable, *args):
        """The value of fn(learner_module, *args)."""
        return self.call(fn, *args).value

    def call_once(self, fn: Callable, *args, key: Hashable = None) -> CallResult:
        """`call(fn, *args)`, run at most once per grade: every later call with the same fn and key gets the same result.

        Runs are told apart by (fn.__qualname__, key), never by comparing the arguments: give each
        distinct set of arguments its own key. A LearnerFailure is kept too and raised again on every
        later call, so a broken submission costs one sandboxed call per run, not one per check that
        reads it; a timeout is not kept, so the checks after it report "not run" as usual.
        """
        memo = (fn.__qualname__, key)
        if memo not in self._once:
            try:
                self._once[memo] = self.call(fn, *args)
            except LearnerFailure as failure:
                if failure.kind == "timeout":
                    raise
                self._once[memo] = failure
        kept = self._once[memo]
        if isinstance(kept, LearnerFailure):
            raise kept
        return kept

    def run_once(self, fn: Callable, *args, key: Hashable = None):
        """The value of `call_once(fn, *args, key=key)`."""
        return self.call_once(fn, *args, key=key).value

    def part(self, fn: Callable, name: str, *args, key: Hashable = None) -> CallResult:
        """Part `name` of the shared run `call_once(fn, *args, key=key)`, whose value maps names to `guarded(...)`.

        The part comes back as its own call would: a CallResult with the run's output and the warnings
        of module loading plus its own, or the LearnerFailure its exception makes. An exhausting one
        stops the grade as in `call`: a part first read after that is not run, as its call would not be.
        """
        shared = self.call_once(fn, *args, key=key)
        read = (fn.__qualname__, key, name)
        if self.stopped and read not in self._parts_read:
            raise NotRun(self.stopped)
        self._parts_read.add(read)
        piece = shared.value.get(name) if isinstance(shared.value, dict) else None
        if not isinstance(piece, dict) or not ("value" in piece or isinstance(piece.get("raised"), dict)
                                               or piece.get("timed_out") is True or piece.get("not_run") is True):
            raise LearnerFailure("your code's process sent back an unreadable result", shared.output)
        if "value" not in piece and "raised" not in piece:  # the run's time ran out in this part, or before it
            if self.stopped:
                raise NotRun(self.stopped)
            self.stopped = "not run: an earlier check ran out of time"
            total = self.deadline - self.created
            raise LearnerTimeout(timeout_message(f"{total:.0f} s for the whole grade, used up by this check"), shared.output)
        if "raised" in piece:
            failure = _failure_from(piece["raised"], self.limits)
            failure.output = shared.output
            if failure.exhausting:
                self.stopped = failure.stop
            raise failure
        return CallResult(piece["value"], (list(shared.warnings) + list(piece.get("warnings") or []))[:20], shared.output,
                          shared.seconds)


class Reference:
    """Runs fn(module, *args) against the reference solution, in this (trusted) process, loaded from its source now.

    Arguments are deep-copied first and the result goes through the same encoding as the learner's,
    so both sides are compared as the same kind of value.
    """

    def __init__(self, path: Path, module_name: str = "reference") -> None:
        SECRET_MODULES.add(module_name)  # before it exists, so no probe can ever carry it
        self.path = Path(path)
        self.module = load_module(self.path, module_name)
        self._once: dict[tuple[str, Hashable], object] = {}

    def run(self, fn: Callable, *args):
        """The value of fn(reference_module, *args), decoded as the learner's would be."""
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            value = fn(self.module, *copy.deepcopy(args))
        return wire.decode(wire.encode(value))

    def call_once(self, fn: Callable, *args, key: Hashable = None) -> CallResult:
        """`run_once`'s value as a CallResult (no warnings, no output), the counterpart of `Learner.call_once`."""
        return CallResult(self.run_once(fn, *args, key=key))

    def run_once(self, fn: Callable, *args, key: Hashable = None):
        """`run(fn, *args)`, computed once per (fn.__qualname__, key), as `Learner.run_once`; an exception is not kept."""
        memo = (fn.__qualname__, key)
        if memo not in self._once:
            self._once[memo] = self.run(fn, *args)
        return self._once[memo]

    def part(self, fn: Callable, name: str, *args, key: Hashable = None) -> CallResult:
        """`Learner.part`'s counterpart: part `name` of `run_once(fn, *args, key=key)` (the reference does not raise)."""
        piece = self.run_once(fn, *args, key=key)[name]
        if "raised" in piece:
            raise RuntimeError(f"the reference raised {piece['raised']['type']}: {piece['raised']['message']}")
        return CallResult(piece["value"], list(piece.get("warnings") or []))


__all__ = ["Learner", "LearnerFailure", "NotRun", "Reference", "guarded", "guarded_afresh"]
