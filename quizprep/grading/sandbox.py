"""Running learner code in a forked, limited process and getting plain values back.

Every call forks a fresh child of the (trusted) grading process: the child sets its own limits,
closes stdin, sends its prints to a bounded pipe, imports the learner's file, runs one probe and
writes the encoded result to a second pipe. The parent alone decides what the bytes mean, and kills
the child's whole process group when it is done or out of time.
"""

from __future__ import annotations

import faulthandler
import importlib.util
import io
import math
import os
import resource
import select
import signal
import sys
import time
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import wire
from .limits import Limits

SIGNAL_NAMES = {signal.SIGSEGV: "segmentation fault", signal.SIGABRT: "abort", signal.SIGBUS: "bus error",
                signal.SIGFPE: "floating-point exception", signal.SIGILL: "illegal instruction", signal.SIGKILL: "killed"}


class LearnerFailure(Exception):
    """Learner code did not hand back a value; `kind` is error, timeout or not_implemented."""

    kind = "error"

    def __init__(self, message: str, detail: str = "", *, exhausting: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail
        self.exhausting = exhausting  # used up a limit (memory): repeating it in every check only wastes time


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
    """Import a Python file as a fresh module called `name`."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _learner_traceback(exc: BaseException, path: Path) -> str:
    """The traceback trimmed to the learner's own file, then the exception line."""
    lines = []
    if isinstance(exc, SyntaxError) and exc.filename == str(path):
        lines.append(f"  line {exc.lineno}: {(exc.text or '').rstrip()}")
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == str(path):
            lines.append(f"  line {frame.lineno}, in {frame.name}: {(frame.line or '').strip()}")
    lines.append("".join(traceback.format_exception_only(type(exc), exc)).strip())
    return "\n".join(lines)


def _set_limits(limits: Limits, cpu_seconds: float) -> None:
    with open("/proc/self/statm") as f:
        mapped = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    soft = mapped + limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (soft, soft))
    cpu = math.ceil(cpu_seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_mb * 1024 * 1024,) * 2)


def _child(path: Path, module_name: str, fn, args, limits: Limits, seconds: float, result_w: int, out_w: int) -> None:
    """Runs in the forked child; never returns."""
    payload = b""
    try:
        os.setpgid(0, 0)
        faulthandler.disable()  # a crash is reported by the parent, not dumped onto the grader's stderr
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGPIPE, signal.SIGXFSZ):
            signal.signal(sig, signal.SIG_DFL if sig != signal.SIGXFSZ else signal.SIG_IGN)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(out_w, 1)
        os.dup2(out_w, 2)
        sys.stdin = open(0, closefd=False)
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(io.FileIO(1, "w", closefd=False), 1 << 16))
        sys.stderr = io.TextIOWrapper(io.BufferedWriter(io.FileIO(2, "w", closefd=False), 1 << 16))
        try:
            _set_limits(limits, seconds)
        except (OSError, ValueError):  # limits are best effort where the platform lacks them
            pass
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            import numpy as np

            # underflow to 0 is the right answer of a stable formula (exp(-1000)), so only the others warn
            with np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
                module = load_module(path, module_name)
                value = fn(module, *args) if fn is not None else None
        payload = wire.encode({"status": "ok", "value": value,
                               "warnings": [f"{w.category.__name__}: {w.message}" for w in caught][:20]})
    except BaseException as exc:  # noqa: BLE001 - everything the learner can raise is reported
        try:
            payload = wire.encode({"status": "raised", "type": type(exc).__name__, "message": str(exc)[:2000],
                                   "traceback": _learner_traceback(exc, path)[-4000:],
                                   "code": exc.code if isinstance(exc, SystemExit) and isinstance(exc.code, int) else None})
        except BaseException:  # noqa: BLE001 - e.g. out of memory while formatting
            payload = wire.encode({"status": "raised", "type": type(exc).__name__, "message": "", "traceback": "", "code": None})
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:  # noqa: BLE001
            pass
        view = memoryview(payload)
        try:
            while view:
                view = view[os.write(result_w, view):]
        except OSError:
            pass
        os._exit(0)


def run_learner(path: Path, fn: Callable | None, *args, timeout: float, limits: Limits = Limits(),
                module_name: str = "learner") -> CallResult:
    """Run fn(learner_module, *args) in a fresh limited child; raise LearnerFailure if no value comes back."""
    start = time.monotonic()
    deadline = start + max(timeout, 0.0)
    result_r, result_w = os.pipe()
    out_r, out_w = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, which always ends with os._exit
        os.close(result_r)
        os.close(out_r)
        _child(path, module_name, fn, args, limits, timeout, result_w, out_w)
    os.close(result_w)
    os.close(out_w)
    chunks: list[bytes] = []
    received = dropped = 0
    output = bytearray()
    status = None
    exited = timed_out = too_big = False
    open_fds = {result_r, out_r}
    try:
        while True:
            ready = []
            if open_fds:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    timed_out = True
                    break
                ready, _, _ = select.select(list(open_fds), [], [], min(remaining, 0.05))
                for fd in ready:
                    data = os.read(fd, 1 << 16)
                    if not data:
                        open_fds.discard(fd)
                    elif fd == result_r:
                        received += len(data)
                        if received > wire.MAX_BYTES:
                            too_big = True
                            break
                        chunks.append(data)
                    else:
                        keep = max(limits.output_bytes - len(output), 0)
                        output += data[:keep]
                        dropped += len(data) - min(len(data), keep)
                if too_big:
                    break
            if not exited:
                done, status = os.waitpid(pid, os.WNOHANG)
                exited = bool(done)
            if exited and (result_r not in open_fds or not ready):
                break  # finished; a pipe still open now is held by a grandchild
            if not open_fds and not exited:
                if time.monotonic() >= deadline:
                    timed_out = True
                    break
                time.sleep(0.002)
    finally:
        try:
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        if not exited:
            try:
                _, status = os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        os.close(result_r)
        os.close(out_r)
    seconds = time.monotonic() - start
    text = output.decode("utf-8", "replace") + (f"\n… {dropped} more bytes of output not shown" if dropped else "")
    if timed_out:
        raise LearnerTimeout(f"your code did not finish within the time limit ({timeout:.1f} s) — look for an infinite loop", text)
    if too_big:
        raise LearnerFailure("your code returned a result too large to check (over 256 MB)", text)
    if not chunks:
        raise LearnerFailure(_no_result_message(status), text)
    try:
        message = wire.decode(b"".join(chunks))
    except wire.WireError as err:
        raise LearnerFailure(f"your code's process sent back an unreadable result ({err})", text) from None
    if not isinstance(message, dict) or message.get("status") not in ("ok", "raised"):
        raise LearnerFailure("your code's process sent back an unreadable result", text)
    if message["status"] == "raised":
        raise _failure_from(message, text, limits)
    return CallResult(message.get("value"), list(message.get("warnings") or []), text, seconds)


def _no_result_message(status) -> str:
    if status is not None and os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig == signal.SIGXCPU:
            return "your code used up its CPU time limit — look for an infinite loop"
        name = SIGNAL_NAMES.get(sig, signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else f"signal {sig}")
        return f"your code crashed the process ({name}) — look for out-of-bounds memory access (ctypes, bad C calls)"
    code = os.WEXITSTATUS(status) if status is not None and os.WIFEXITED(status) else "unknown"
    return f"your code ended the process (exit code {code}) before returning a result — remove os._exit()/exit() calls"


def _failure_from(message: dict, output: str, limits: Limits) -> LearnerFailure:
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
