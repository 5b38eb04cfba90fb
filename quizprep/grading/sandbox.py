"""Running learner code in a limited process that never saw the checks or the reference, and getting plain values back.

Every call goes to the zygote (zygote.py), a fresh interpreter that forks one child per call
(child.py). This side, the trusted grading process, reads the learner's source itself, ships the
probe and its arguments pickled (a check's own functions and classes by value, so the learner's
process never imports the checks), and alone decides what the bytes that come back mean.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import wire
from .child import load_source
from .limits import Limits
from .zygote import Launcher

MAX_SOURCE_BYTES = 4 * 1024 * 1024

SIGNAL_NAMES = {signal.SIGSEGV: "segmentation fault", signal.SIGABRT: "abort", signal.SIGBUS: "bus error",
                signal.SIGFPE: "floating-point exception", signal.SIGILL: "illegal instruction", signal.SIGKILL: "killed"}


class LearnerFailure(Exception):
    """Learner code did not hand back a value; `kind` is error, timeout or not_implemented."""

    kind = "error"

    def __init__(self, message: str, detail: str = "", *, exhausting: bool = False, stop: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail
        self.exhausting = exhausting  # used up a limit (memory): repeating it in every check only wastes time
        self.stop = stop or "not run: an earlier check ran out of memory"  # what the checks after an exhausting one say
        self.output = ""  # what the learner's code printed before it failed (set by run_learner)


class NotImplementedYet(LearnerFailure):
    kind = "not_implemented"


class LearnerTimeout(LearnerFailure):
    kind = "timeout"


@dataclass
class CallResult:
    """A probe's value, the warnings raised while it ran, and what the learner's code printed."""

    value: object
    warnings: list[str] = field(default_factory=list)
    output: str = ""
    seconds: float = 0.0


def load_module(path: Path, name: str):
    """Load a trusted Python file (the reference) from its source as a fresh module called `name`."""
    return load_source(Path(path).read_bytes(), str(path), name)


class ProbeError(RuntimeError):
    """A check's probe could not be sent to or unpacked in the learner's process: the check is at fault."""


def read_source(path: Path) -> bytes:
    """The learner's file, read once by the grader; a file it cannot read is the learner's to fix."""
    try:
        with open(path, "rb") as f:
            source = f.read(MAX_SOURCE_BYTES + 1)
    except OSError as err:
        raise LearnerFailure(f"your file cannot be read ({err.strerror}) — check that {path} exists") from None
    if len(source) > MAX_SOURCE_BYTES:
        raise LearnerFailure(f"your file is over {MAX_SOURCE_BYTES // (1024 * 1024)} MB — keep data out of the source")
    return source


SECRET_MODULES: set[str] = set()  # the reference's module names: nothing of them may reach the learner's process


def ship_by_value(folder: Path) -> None:
    """Pickle the functions and classes of every loaded module under `folder` (an exercise's checks) by value."""
    import cloudpickle

    folder = Path(folder).resolve()
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if file and folder in Path(file).resolve().parents and module.__name__ not in SECRET_MODULES:
            try:
                cloudpickle.register_pickle_by_value(module)
            except ValueError:  # not registered under its own name: cloudpickle then sends it by value anyway
                pass


def _dump_probe(fn, args) -> bytes:
    import io
    import types

    import cloudpickle

    class Pickler(cloudpickle.Pickler):
        def reducer_override(self, obj):
            name = obj.__name__ if isinstance(obj, types.ModuleType) else getattr(obj, "__module__", None)
            if isinstance(name, str) and name in SECRET_MODULES:
                raise ProbeError("the probe would hand the reference solution to the learner's process — "
                                 "a probe may use only the learner's module and plain data")
            return super().reducer_override(obj)

    buffer = io.BytesIO()
    try:
        Pickler(buffer, protocol=5).dump((fn, args))
    except ProbeError:
        raise
    except Exception as err:  # noqa: BLE001 - any pickling failure is the check's
        raise ProbeError(f"the probe cannot be sent to the learner's process: {type(err).__name__}: {err}") from None
    return buffer.getvalue()


_default: Launcher | None = None


def default_launcher() -> Launcher:
    """A zygote for callers that have none of their own (started on first use)."""
    global _default
    if _default is None or not _default.alive():
        if _default is None:
            import atexit

            atexit.register(lambda: _default is not None and _default.close())
        _default = Launcher().start()
    return _default


LOST = ("the process running your code was killed or stopped answering — if your code kills, signals or stops "
        "other processes, remove that")


def run_learner(path: Path, fn: Callable | None, *args, timeout: float, limits: Limits = Limits(),
                module_name: str = "learner", source: bytes | None = None, launcher: Launcher | None = None) -> CallResult:
    """Run fn(learner_module, *args) in a fresh limited child; raise LearnerFailure if no value comes back."""
    start = time.monotonic()
    source = read_source(path) if source is None else source
    probe = _dump_probe(fn, args)
    request = {"path": str(path), "module": module_name, "timeout": max(timeout, 0.0), "memory_mb": limits.memory_mb,
               "output_bytes": limits.output_bytes, "file_mb": limits.file_mb}
    reply = (launcher or default_launcher()).call(request, source, probe)
    seconds = time.monotonic() - start
    text = reply.output.decode("utf-8", "replace")
    if reply.dropped:
        text += f"\n… {reply.dropped} more bytes of output not shown (your code printed more than {limits.output_bytes} bytes)"
    if reply.swept:
        text += f"\n… your code left {reply.swept} process(es) running after it returned; they were stopped"
    try:
        return _reply_value(reply, text, timeout, limits, seconds)
    except LearnerFailure as failure:
        failure.output = text
        raise


def timeout_message(limit: str) -> str:
    """What a learner is told when their code ran out of time; `limit` says how much it had."""
    return (f"your code did not finish within the time limit ({limit}) — look for an infinite loop, "
            "or code far slower than it needs to be (a Python loop over every element of a large array)")


def _reply_value(reply, text: str, timeout: float, limits: Limits, seconds: float) -> CallResult:
    if reply.unstarted:
        raise ProbeError("the process that runs learner code did not start — check that `python -P -m quizprep.grading.zygote`"
                         " runs; please report this")
    if reply.lost:
        raise LearnerFailure(LOST, text, exhausting=True, stop="not run: an earlier check's process was killed")
    if reply.timed_out:
        raise LearnerTimeout(timeout_message(f"{timeout:.1f} s"), text)
    if reply.too_big:
        raise LearnerFailure("your code returned a result too large to check (over 256 MB)", text)
    if not reply.payload:
        raise LearnerFailure(_no_result_message(reply.status), text)
    try:
        message = wire.decode(reply.payload)
    except wire.WireError as err:
        raise LearnerFailure(f"your code's process sent back an unreadable result ({err}) — "
                             "if your code writes to file descriptors it did not open, remove that", text) from None
    if not isinstance(message, dict) or message.get("status") not in ("ok", "raised", "setup"):
        raise LearnerFailure("your code's process sent back an unreadable result", text)
    if message["status"] == "setup":
        raise ProbeError(f"the probe could not be unpacked in the learner's process: {message.get('message')}")
    if message["status"] == "raised":
        raise _failure_from(message, limits)
    return CallResult(message.get("value"), list(message.get("warnings") or []), text, seconds)


def _no_result_message(status) -> str:
    if status is not None and os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig == signal.SIGXCPU:
            return "your code used up its CPU time limit — look for an infinite loop, or code far slower than it needs to be"
        name = SIGNAL_NAMES.get(sig, signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else f"signal {sig}")
        if sig == signal.SIGKILL:  # not a fault of the process: something killed it
            return f"your code crashed the process ({name}) — if your code kills processes (its own too), remove that"
        return f"your code crashed the process ({name}) — look for out-of-bounds memory access (ctypes, bad C calls)"
    code = os.WEXITSTATUS(status) if status is not None and os.WIFEXITED(status) else "unknown"
    return f"your code ended the process (exit code {code}) before returning a result — remove os._exit()/exit() calls"


def _failure_from(message: dict, limits: Limits) -> LearnerFailure:
    kind, text, tb = message.get("type"), message.get("message", ""), message.get("traceback", "")
    if kind == "NotImplementedError":
        return NotImplementedYet("not implemented yet — write your code where the stub raises NotImplementedError", tb)
    if kind == "SystemExit":
        return LearnerFailure(f"your code called sys.exit({message.get('code')}) — return a value instead of exiting", tb)
    if kind == "MemoryError":
        return LearnerFailure(f"your code ran out of memory (the limit is {limits.memory_mb} MB) — "
                              "look for an array that grows without bound", tb, exhausting=True)
    if kind == "EOFError" and "input" in tb:
        return LearnerFailure("your code called input(), but there is no keyboard while grading — remove it", tb)
    if kind == "SyntaxError" or kind == "IndentationError":
        return LearnerFailure(f"your file has a syntax error: {text}", tb)
    return LearnerFailure(f"your code raised {kind}: {text}" if text else f"your code raised {kind}", tb)
