"""One learner call inside the zygote: the forked child that runs learner code, and its supervision.

The child keeps only its output pipe (as stdout and stderr) and its result pipe, runs in a session
of its own in a fresh temporary folder that is removed afterwards and, where the kernel allows it
(mounts.py), is the only place it can write, sees the folders that hold references (the request's
`hidden`) empty, and runs the learner's code in a PID namespace of its own
(pid_namespace.py), from where no other process can be signalled; it drops root for `nobody` when it
runs as root, dies with the zygote, and sets its CPU, memory, file-size and process limits before
the learner's source is compiled. Its result is a `wire` message; the zygote relays the bytes and
never interprets them.
"""

from __future__ import annotations

import faulthandler
import importlib.util
import io
import linecache
import math
import os
import pickle
import resource
import select
import shutil
import signal
import socket
import sys
import tempfile
import time
import traceback
import types
import warnings

from . import wire
from .mounts import new_pid_namespace, read_only_except
from .pid_namespace import NAMESPACE_MARK, RESULT_FD, SWEPT_FD, become_process_two
from .processes import die_with_parent, drop_capabilities, drop_root, kill_and_reap, kill_group, sweep_children, write_all

# In a learner's child: when the parts of a shared run must stop (parts.guarded), leaving PART_RESERVE_S of the
# call's time to send back what they found. None in every other process.
part_deadline: float | None = None
PART_RESERVE_S = 0.3
NPROC_HEADROOM = 64  # processes (threads count too) the learner's code may add to its user's own


class _SetupFailed(Exception):
    """The probe could not be unpacked in the learner's process: a fault of the check, not the learner."""


def learner_ids() -> tuple[int, int] | None:
    """The (uid, gid) learner code runs as when the grader runs as root; None otherwise."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    import pwd

    try:
        entry = pwd.getpwnam("nobody")
        return entry.pw_uid, entry.pw_gid
    except KeyError:
        return 65534, 65534


def tasks_of(uid: int) -> int:
    """How many tasks (processes and threads) `uid` runs now; RLIMIT_NPROC counts them all."""
    count = 0
    try:
        entries = os.listdir("/proc")
    except OSError:
        return 0
    for entry in entries:
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    count += len(os.listdir(f"/proc/{entry}/task"))
            except OSError:
                pass
    return count


def load_source(source: bytes, path: str, name: str) -> types.ModuleType:
    """Compile `source` as a fresh module `name` (never a cached .pyc, so a fast save is never graded stale)."""
    code = compile(source, path, "exec", dont_inherit=True)
    module = types.ModuleType(name)
    module.__file__ = path
    text = importlib.util.decode_source(source)
    linecache.cache[path] = (len(text), None, text.splitlines(True), path)  # tracebacks show the graded text
    sys.modules[name] = module
    exec(code, module.__dict__)
    return module


def learner_traceback(exc: BaseException, path: str) -> str:
    """The traceback trimmed to the learner's own file, then the exception line."""
    lines = []
    if isinstance(exc, SyntaxError) and exc.filename == path:
        lines.append(f"  line {exc.lineno}: {(exc.text or '').rstrip()}")
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == path:
            lines.append(f"  line {frame.lineno}, in {frame.name}: {(frame.line or '').strip()}")
    lines.append("".join(traceback.format_exception_only(type(exc), exc)).strip())
    return "\n".join(lines)


def _set_limits(header: dict, nproc: int | None) -> None:
    with open("/proc/self/statm") as f:
        mapped = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    soft = mapped + int(header["memory_mb"]) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (soft, soft))
    cpu = math.ceil(float(header["timeout"])) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(header["file_mb"]) * 1024 * 1024,) * 2)
    if nproc is not None:
        resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))


def _isolate(sock: socket.socket, result_w: int, out_w: int, swept_w: int, tmp: str, ids, read_only: bool,
             hidden: list[str] = ()) -> bool:
    """Cut the child off from the grader; whether its next child starts a PID namespace of its own."""
    os.setsid()  # its own session and group: no terminal, and one killpg reaches what it starts
    faulthandler.disable()  # a crash is reported by the grader, not dumped on its stderr
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGPIPE):
        signal.signal(sig, signal.SIG_DFL)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(out_w, 1)
    os.dup2(out_w, 2)
    os.dup2(result_w, RESULT_FD)
    os.dup2(swept_w, SWEPT_FD)
    sock.detach()
    os.closerange(SWEPT_FD + 1, max(os.sysconf("SC_OPEN_MAX"), 1024))  # nothing of the grader's is reachable
    if read_only:  # its folder is the only place it can write, and the references' folders are empty (as checked)
        read_only_except(tmp, hidden=hidden, keep_capabilities=True)
    own_pids = new_pid_namespace()  # while it still may: an ordinary user's child only in the user namespace just made
    os.chdir(tmp)
    os.environ["HOME"] = os.environ["TMPDIR"] = tmp
    tempfile.tempdir = None
    if ids:  # root's learner code runs as nobody: it cannot signal, trace or write what root's processes own
        drop_root(*ids)
    else:
        drop_capabilities()  # an ordinary user's: what its user namespace gave it
    die_with_parent()  # after the uid change, which clears it
    if not own_pids:
        os.close(SWEPT_FD)  # nobody outside to say it: the zygote counts what it sweeps itself
    return own_pids


def _stdio() -> None:
    sys.stdin = open(0, closefd=False)
    sys.stdout = io.TextIOWrapper(io.BufferedWriter(io.FileIO(1, "w", closefd=False), 1 << 16))
    sys.stderr = io.TextIOWrapper(io.BufferedWriter(io.FileIO(2, "w", closefd=False), 1 << 16))


def _child(sock, header, source, probe, result_w, out_w, swept_w, tmp, ids, nproc, read_only) -> None:
    """Runs in the forked child; never returns."""
    global part_deadline
    part_deadline = time.monotonic() + max(float(header["timeout"]) - PART_RESERVE_S, 0.0)
    path = str(header["path"])
    payload = b""
    try:
        if _isolate(sock, result_w, out_w, swept_w, tmp, ids, read_only, [str(h) for h in header.get("hidden") or ()]):
            become_process_two()
        _stdio()
        try:
            fn, args = pickle.loads(probe)
        except BaseException as exc:  # noqa: BLE001
            raise _SetupFailed(f"{type(exc).__name__}: {exc}") from None
        try:
            _set_limits(header, nproc)
        except (OSError, ValueError):  # limits are best effort where the platform lacks them
            pass
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            import numpy as np

            # underflow to 0 is the right answer of a stable formula (exp(-1000)), so only the others warn
            with np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
                module = load_source(source, path, str(header["module"]))
                value = fn(module, *args) if fn is not None else None
        payload = wire.encode({"status": "ok", "value": value,
                               "warnings": [f"{w.category.__name__}: {w.message}" for w in caught][:20]})
    except _SetupFailed as exc:
        payload = wire.encode({"status": "setup", "message": str(exc)[:2000]})
    except BaseException as exc:  # noqa: BLE001 - everything the learner can raise is reported
        try:
            payload = wire.encode({"status": "raised", "type": type(exc).__name__, "message": str(exc)[:2000],
                                   "traceback": learner_traceback(exc, path)[-4000:],
                                   "code": exc.code if isinstance(exc, SystemExit) and isinstance(exc.code, int) else None})
        except BaseException:  # noqa: BLE001 - e.g. out of memory while formatting
            payload = wire.encode({"status": "raised", "type": type(exc).__name__, "message": "", "traceback": "", "code": None})
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:  # noqa: BLE001
            pass
        try:
            write_all(RESULT_FD, payload)
        except OSError:
            pass
        os._exit(0)


def _tmpdir(ids) -> str:
    path = tempfile.mkdtemp(prefix="quizprep-run-")
    if ids:
        os.chown(path, *ids)
    return path


def remove_tree(path: str) -> None:
    """Remove the learner's folder, even where its code took away the write bits."""
    def unlock(func, p, _exc):
        try:
            os.chmod(os.path.dirname(p), 0o700)
            if os.path.isdir(p) and not os.path.islink(p):
                os.chmod(p, 0o700)
                shutil.rmtree(p, ignore_errors=True)
            else:
                func(p)
        except OSError:
            pass
    shutil.rmtree(path, onerror=unlock)


def _read_swept(fd: int) -> tuple[bool, int]:
    """Whether the learner's code ran in a PID namespace of its own, and how many processes the child said it
    left there (0 if it could not say, e.g. stopped at the time limit). The child has exited: no wait."""
    os.set_blocking(fd, False)
    try:
        said = os.read(fd, 64).split()
    except OSError:
        return False, 0
    if not said or said[0] != NAMESPACE_MARK:
        return False, 0
    return True, int(said[1]) if len(said) > 1 and said[1].isdigit() else 0


def _pidfd(pid: int) -> int | None:
    try:
        return os.pidfd_open(pid)
    except (AttributeError, OSError):
        return None


def run_child(sock: socket.socket, header: dict, source: bytes, probe: bytes, ids, nproc_base: int, read_only: bool) -> dict:
    """Fork the learner's child for one request, relay its output and result, then leave nothing of it running.

    Raises SystemExit if the grading process goes away meanwhile.
    """
    timeout = max(float(header["timeout"]), 0.0)
    deadline = time.monotonic() + timeout
    output_cap = int(header["output_bytes"])
    tmp = _tmpdir(ids)
    result_r, result_w = os.pipe()
    out_r, out_w = os.pipe()
    swept_r, swept_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the learner's child, which always ends with os._exit
        os.close(result_r)
        os.close(out_r)
        os.close(swept_r)
        _child(sock, header, source, probe, result_w, out_w, swept_w, tmp, ids, nproc_base + NPROC_HEADROOM, read_only)
    os.close(result_w)
    os.close(out_w)
    os.close(swept_w)
    pidfd = _pidfd(pid)
    chunks: list[bytes] = []
    received = dropped = 0
    output = bytearray()
    status = None
    swept = 0
    exited = timed_out = too_big = gone = False
    open_fds = {result_r, out_r}
    try:
        while open_fds or not exited:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                timed_out = True
                break
            watch = [*open_fds, sock] + ([pidfd] if pidfd is not None and not exited else [])
            pause = 0.002 if not open_fds and pidfd is None else 0.05
            ready, _, _ = select.select(watch, [], [], min(remaining, pause))
            if sock in ready:  # the grading process sends nothing during a call: it has gone
                gone = True
                break
            for fd in ready:
                if fd not in open_fds:
                    continue
                data = os.read(fd, 1 << 16)
                if not data:
                    open_fds.discard(fd)
                elif fd == result_r:
                    received += len(data)
                    too_big = received > wire.MAX_BYTES
                    chunks.append(data)
                else:
                    keep = max(output_cap - len(output), 0)
                    output += data[:keep]
                    dropped += len(data) - min(len(data), keep)
            if too_big:
                break
            if not exited:
                done, status = os.waitpid(pid, os.WNOHANG)
                if done:
                    exited = True
                    kill_group(pid)
                    swept += sweep_children()  # whatever it left holding a pipe goes now, so the pipes reach their end
    finally:
        if not exited:  # still ours to kill by pid: not reaped yet
            status = kill_and_reap(pid)
        kill_group(pid)
        swept += sweep_children()
        own_namespace, told = _read_swept(swept_r)
        if own_namespace:  # what the zygote swept was its own helpers there: what the code left is what they told
            swept = told
        for fd in (result_r, out_r, swept_r) + ((pidfd,) if pidfd is not None else ()):
            os.close(fd)
        remove_tree(tmp)
    if gone:
        raise SystemExit(0)
    head = {"id": header.get("id"), "status": status, "timed_out": timed_out, "too_big": too_big, "dropped": dropped,
            "swept": swept}
    return {"_head": head, "_blobs": [bytes(output), b"" if too_big else b"".join(chunks)]}
