"""A read-only file system for learner code, all but its own temporary folder, where the kernel allows it.

The learner's child enters a mount namespace of its own (root directly; another user first enters a
user namespace of its own, if unprivileged user namespaces are allowed), bind-mounts its folder on
itself, makes every mount read-only recursively (mount_setattr, Linux 5.12) and its folder writable
again, then gives up the capabilities that could undo it. A nested namespace cannot undo it either:
the kernel locks inherited read-only mounts. Where any step is refused (no user namespaces, a
container's seccomp profile, an older kernel) learner code keeps the ordinary file system;
`available()` tries the whole recipe once in a throwaway child, so a zygote knows which it is.
"""

from __future__ import annotations

import ctypes
import os
import sys
import tempfile

from . import processes

CLONE_NEWNS = 0x00020000
CLONE_NEWPID = 0x20000000
CLONE_NEWUSER = 0x10000000
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
SYS_MOUNT_SETATTR = 442  # the same number on every architecture that has it
AT_FDCWD = -100
AT_RECURSIVE = 0x8000
MOUNT_ATTR_RDONLY = 0x1


class _MountAttr(ctypes.Structure):
    _fields_ = [("attr_set", ctypes.c_uint64), ("attr_clr", ctypes.c_uint64), ("propagation", ctypes.c_uint64),
                ("userns_fd", ctypes.c_uint64)]


def _setattr(libc, path: str, flags: int, *, set_: int = 0, clear: int = 0) -> bool:
    attr = _MountAttr(set_, clear, 0, 0)
    return libc.syscall(SYS_MOUNT_SETATTR, AT_FDCWD, path.encode(), flags, ctypes.byref(attr), ctypes.sizeof(attr)) == 0


def _write(path: str, text: str) -> None:
    with open(path, "w") as f:
        f.write(text)


def read_only_except(folder: str, *, keep_capabilities: bool = False) -> bool:
    """In this (single-threaded, just forked) process: every file system read-only but `folder`; False if refused.

    An ordinary user's process gives up the capabilities its user namespace gave it, unless `keep_capabilities`
    (then the caller must call `processes.drop_capabilities()` itself, e.g. after `new_pid_namespace`)."""
    if not sys.platform.startswith("linux"):
        return False
    libc = processes.libc()
    if libc is None:
        return False
    uid, gid = os.geteuid(), os.getegid()
    if libc.unshare(CLONE_NEWNS | (0 if uid == 0 else CLONE_NEWUSER)) != 0:
        return False
    # a non-dumpable process (the zygote is one, and its children inherit that) has its /proc/self files owned by
    # root, so it could not write its own maps: dumpable just while it writes them
    was_dumpable = processes.set_dumpable(True) if uid != 0 else None
    try:
        if uid != 0:
            _write("/proc/self/setgroups", "deny")
            _write("/proc/self/uid_map", f"{uid} {uid} 1\n")
            _write("/proc/self/gid_map", f"{gid} {gid} 1\n")
    except OSError:
        return False
    finally:
        if was_dumpable is False:
            processes.set_dumpable(False)
    folder = os.path.realpath(folder)
    done = (libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None) == 0  # nothing done here reaches the real namespace
            and libc.mount(folder.encode(), folder.encode(), None, MS_BIND, None) == 0
            and _setattr(libc, "/", AT_RECURSIVE, set_=MOUNT_ATTR_RDONLY)
            and _setattr(libc, folder, 0, clear=MOUNT_ATTR_RDONLY))
    if uid != 0 and not keep_capabilities:
        processes.drop_capabilities()  # the user namespace gave it every capability inside: keep none
    return done


def new_pid_namespace() -> bool:
    """Have this process's next child start a PID namespace of its own (as its process 1); False if refused.

    Processes in it cannot name, so cannot signal or trace, any process outside it, and when its process 1
    ends the kernel kills every process left in it. Needs root, or the capabilities of a user namespace."""
    libc = processes.libc()
    return libc is not None and sys.platform.startswith("linux") and libc.unshare(CLONE_NEWPID) == 0


def start_probe() -> tuple[int, str, str] | None:
    """Try `read_only_except` in a throwaway child (a write inside, one outside); `probe_result` collects the answer."""
    if not sys.platform.startswith("linux"):
        return None
    inside = tempfile.mkdtemp(prefix="quizprep-ro-")
    outside = tempfile.mkdtemp(prefix="quizprep-rw-")
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the throwaway child
        ok = False
        try:
            if read_only_except(inside):
                open(os.path.join(inside, "ok"), "w").close()
                try:
                    open(os.path.join(outside, "leak"), "w").close()
                except OSError:
                    ok = True
        finally:
            os._exit(0 if ok else 1)
    return pid, inside, outside


def probe_result(probe: tuple[int, str, str] | None) -> bool:
    """Whether the probe's child found a read-only file system with its own folder writable."""
    if probe is None:
        return False
    pid, inside, outside = probe
    _, status = os.waitpid(pid, 0)
    for folder in (inside, outside):
        for name in ("ok", "leak"):
            try:
                os.unlink(os.path.join(folder, name))
            except OSError:
                pass
        os.rmdir(folder)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def available() -> bool:
    """Whether `read_only_except` works here."""
    return probe_result(start_probe())
