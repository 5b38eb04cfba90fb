"""Process plumbing the grader trusts: keeping its processes unreadable, and leaving no learner process behind.

On Linux a trusted process marks itself non-dumpable (its /proc/<pid>/fd, environ and mem are then
closed to other processes of the same user) and, where it starts learner code, a child subreaper:
anything the learner's code leaves running (a daemon made by double fork + setsid) is re-parented to
it when its own parent exits, so `sweep_children` can find and kill it. Elsewhere these are no-ops.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Callable

PR_SET_PDEATHSIG = 1
PR_GET_DUMPABLE = 3
PR_SET_KEEPCAPS = 8
PR_SET_NO_NEW_PRIVS = 38
PR_SET_DUMPABLE = 4
PR_SET_CHILD_SUBREAPER = 36
PR_GET_CHILD_SUBREAPER = 37

@functools.cache
def libc() -> ctypes.CDLL | None:
    """The C library on Linux (for prctl, capset, mount_setattr), or None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return None


def _prctl(option: int, arg: int = 0) -> int | None:
    """prctl(option, arg), or None where there is no prctl (not Linux, no libc)."""
    c = libc()
    if c is None:
        return None
    return c.prctl(option, ctypes.c_ulong(arg), ctypes.c_ulong(0), ctypes.c_ulong(0), ctypes.c_ulong(0))


def set_dumpable(on: bool) -> bool | None:
    """Make this process (un)readable through /proc by others; return the previous setting (None: unknown)."""
    before = _prctl(PR_GET_DUMPABLE)
    _prctl(PR_SET_DUMPABLE, 1 if on else 0)
    return None if before is None or before < 0 else bool(before)


def set_subreaper(on: bool) -> bool | None:
    """Adopt the orphans of this process's descendants; return the previous setting (None: unknown)."""
    flag = ctypes.c_int(0)
    before = None
    if _prctl(PR_GET_CHILD_SUBREAPER, ctypes.addressof(flag)) == 0:
        before = bool(flag.value)
    _prctl(PR_SET_CHILD_SUBREAPER, 1 if on else 0)
    return before


_private_lock = threading.Lock()
_private_users = 0
_private_before: bool | None = None


class private:
    """While any `with private():` block runs, this process is non-dumpable; afterwards it is as it was."""

    def __enter__(self) -> private:
        global _private_users, _private_before
        with _private_lock:
            if _private_users == 0:
                _private_before = set_dumpable(False)
            _private_users += 1
        return self

    def __exit__(self, *exc) -> None:
        global _private_users
        with _private_lock:
            _private_users -= 1
            if _private_users == 0 and _private_before:
                set_dumpable(True)


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


CAP_DAC_READ_SEARCH = 2


def drop_root(uid: int, gid: int) -> bool:
    """Become `uid`/`gid`, keeping only the right to read files (so the interpreter's own library, wherever
    root installed it, stays importable); return False if that one capability could not be kept."""
    _prctl(PR_SET_KEEPCAPS, 1)
    os.setgroups([])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)
    kept = _capset(1 << CAP_DAC_READ_SEARCH)
    _prctl(PR_SET_KEEPCAPS, 0)
    return kept


def _capset(mask: int) -> bool:
    c = libc()
    if c is None:
        return False
    header = _CapHeader(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3
    data = (_CapData * 2)()
    data[0].effective = data[0].permitted = mask
    return c.capset(ctypes.byref(header), data) == 0


def drop_capabilities() -> bool:
    """Give up every capability for good (and any way of gaining one back through exec)."""
    _prctl(PR_SET_NO_NEW_PRIVS, 1)
    return _capset(0)


def die_with_parent(sig: int = signal.SIGKILL) -> None:
    """Have the kernel send `sig` to this process when its parent exits."""
    _prctl(PR_SET_PDEATHSIG, int(sig))


def children(pid: int | None = None) -> set[int]:
    """The live or unreaped children of `pid` (this process by default)."""
    pid = os.getpid() if pid is None else pid
    try:  # the kernel's own list, where it is built in
        found: set[int] = set()
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found.update(int(p) for p in f.read().split())
        return found
    except OSError:
        pass
    found = set()
    try:
        entries = os.listdir("/proc")
    except OSError:
        return found
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # the command name sits in parentheses and may itself contain spaces or parentheses
        fields = stat[stat.rfind(b")") + 2:].split()
        if len(fields) > 1 and int(fields[1]) == pid:
            found.add(int(entry))
    return found


def has_children() -> bool:
    """True if this process has any child, alive or not yet reaped (this may reap one that has exited)."""
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return False
    return True


def kill_tree(pid: int) -> None:
    """SIGKILL a process and the process group it leads, ignoring ones already gone."""
    for kill, target in ((os.killpg, pid), (os.kill, pid)):
        try:
            kill(target, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def kill_group(pgid: int) -> None:
    """SIGKILL a process group, ignoring one already gone."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def sweep_children(keep: set[int] = frozenset(), rounds: int = 200) -> int:
    """Kill and reap every child of this process not in `keep`, until none is left; return how many.

    Killing a child re-parents its own children to this (subreaper) process, so this repeats until a
    round finds nobody new; `rounds` bounds it against a fork bomb outrunning the kills.
    """
    swept = 0
    for _ in range(rounds):
        if not keep and not has_children():
            return swept
        found = children() - set(keep)
        if not found:
            return swept
        for pid in found:
            kill_tree(pid)
        for pid in found:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
            swept += 1
    return swept


def kill_and_reap(pid: int, status: int | None = None) -> int | None:
    """SIGKILL a child and the group it leads, then reap it unless `status` says it was reaped already.

    Returns its wait status (None if something else reaped it).
    """
    kill_tree(pid)
    if status is None:
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:
            pass
    return status


def fork_guarded(work: Callable[[], None]) -> int:
    """Fork a child that runs `work()` and then exits: 0 if it returned, 1 if it raised anything at all.

    The child never returns into the caller's code, so none of the parent's cleanup (`finally` blocks,
    context managers, atexit) runs in it. Returns the child's pid.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        try:
            work()
            code = 0
        except BaseException:  # noqa: BLE001 - whatever it raised, it ends here, never in the parent's frames
            pass
        os._exit(code)
    return pid


def write_all(fd: int, payload: bytes) -> None:
    """Write all of `payload` to a pipe or socket, however many writes that takes."""
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view):]


def read_until_closed(fd: int, deadline: float) -> tuple[bytes, bool]:
    """What arrives on `fd` until every writer has closed it; and whether `deadline` (monotonic) came first."""
    chunks = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return b"".join(chunks), True
        if select.select([fd], [], [], remaining)[0]:
            data = os.read(fd, 1 << 16)
            if not data:
                return b"".join(chunks), False
            chunks.append(data)
