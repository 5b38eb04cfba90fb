"""The learner's side of a shared run: `guarded` runs one part of it in the learner's process.

A probe that returns {name: guarded(m, fn, ...), ...} runs several checks' calls in one sandboxed
process, and `Learner.part` reads each back as the value, warnings or failure that a call of fn alone
would have given. Each part also gets what a process of its own would have had:

- the warning filters and numpy error settings the first part found (as the module left them on
  loading), so an np.seterr or a warnings filter set inside one part does not reach the next;
- the time the run has left: a part still running when that is used up stops there ("timed_out"),
  and the parts after it are "not_run", so the grade names the check whose code was slow or looped,
  and the checks before it keep their verdicts, as separate calls would. Code that blocks the alarm
  (a long numpy call, a bare except) is still stopped by the process's own time limit, which then
  ends the whole run.

`guarded_afresh` also gives each part a freshly loaded module, for state kept in a class or module.
"""

from __future__ import annotations

import signal
import sys
import time
import types
import warnings

import numpy as np

from . import child
from .child import learner_traceback

_numpy_settings: dict | None = None  # numpy's error settings as the first part of this process's run found them
_compiled: dict[bytes, object] = {}  # the graded text compiled once per process, for guarded_afresh


class _PartOutOfTime(BaseException):
    """Raised in the learner's code by the alarm at the end of the run's time (a BaseException, so
    `except Exception` in their code lets it through)."""


def _out_of_time(_signum, _frame):
    raise _PartOutOfTime


def _arm(seconds: float):
    """Raise _PartOutOfTime in this thread after `seconds`; the handler to put back, or None where no alarm can be set."""
    try:
        previous = signal.signal(signal.SIGALRM, _out_of_time)
    except ValueError:  # not the main thread
        return None
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 1e-3))
    return previous if previous is not None else signal.SIG_DFL


def _disarm(previous) -> None:
    if previous is not None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _raised(m, exc: BaseException) -> dict:
    try:
        return {"raised": {"type": type(exc).__name__, "message": str(exc)[:2000],
                           "traceback": learner_traceback(exc, str(getattr(m, "__file__", "")))[-4000:],
                           "code": exc.code if isinstance(exc, SystemExit) and isinstance(exc.code, int) else None}}
    except _PartOutOfTime:
        raise
    except BaseException:  # noqa: BLE001 - e.g. a __str__ that raises
        return {"raised": {"type": type(exc).__name__, "message": "", "traceback": "", "code": None}}


def guarded(m, fn, *args) -> dict:
    """Inside a probe: fn(m, *args) as one part of a shared run: {"value", "warnings"}, {"raised": ...} with what it
    raised, {"timed_out": True} when the run's time ran out in it, or {"not_run": True} when it had run out before."""
    global _numpy_settings
    deadline = child.part_deadline  # None outside a learner's child (the reference, in the grading process)
    if deadline is not None and deadline - time.monotonic() <= 0:
        return {"not_run": True}
    if _numpy_settings is None:
        _numpy_settings = np.geterr()
    previous = None
    try:
        with warnings.catch_warnings(record=True) as caught, np.errstate(**_numpy_settings):
            warnings.simplefilter("always")
            try:
                if deadline is not None:
                    previous = _arm(deadline - time.monotonic())
                value = fn(m, *args)
            except _PartOutOfTime:
                raise
            except BaseException as exc:  # noqa: BLE001 - the same report the learner's child makes of a call
                return _raised(m, exc)
            finally:
                _disarm(previous)
                previous = None
    except _PartOutOfTime:
        _disarm(previous)
        return {"timed_out": True}
    return {"value": value, "warnings": [f"{w.category.__name__}: {w.message}" for w in caught][:20]}


def guarded_afresh(m, source: bytes, fn, *args) -> dict:
    """`guarded(m, fn, *args)` with fn given the learner's module loaded again from `source`, the graded text
    (hand `learner.source` to the probe), so its module and class state start empty as in a process of
    its own: for exercises whose classic mistakes keep state there (velocities in a class attribute)."""
    def on_a_fresh_module(_m):
        code = _compiled.get(source)
        if code is None:
            code = _compiled[source] = compile(source, m.__file__, "exec", dont_inherit=True)
        module = types.ModuleType(m.__name__)
        module.__file__ = m.__file__
        sys.modules[m.__name__] = module
        exec(code, module.__dict__)
        return fn(module, *args)

    try:
        return guarded(m, on_a_fresh_module)
    finally:
        sys.modules[m.__name__] = m


__all__ = ["guarded", "guarded_afresh"]
