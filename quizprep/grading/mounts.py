"""A read-only file system for learner code, all but its own temporary folder, where the kernel allows it.

The learner's child enters a mount namespace of its own (root directly; another user first enters a
user namespace of its own, if unprivileged user namespaces are allowed), bind-mounts its folder on
itself, makes every mount read-only recursively (mount_setattr, Linux 5.12) and its folder writable
again, hides every folder it is told holds references (an empty read-only tmpfs over each: `hidden`,
from `reference_folders` in the caller), then gives up the capabilities that could undo it. A nested
namespace cannot undo it either: the kernel locks inherited mounts. Where any step is refused (no user namespaces, a
container's seccomp profile, an older kernel) learner code keeps the ordinary file system;
`available()` tries the whole recipe once in a throwaway child, so a zygote knows which it is.
"""

from __future__ import annotations

import ctypes
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from . import processes

CLONE_NEWNS = 0x00020000
CLONE_NEWPID = 0x20000000
CLONE_NEWUSER = 0x10000000
MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_NOEXEC = 8
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


def reference_folders(*solutions: str | os.PathLike, roots: Iterable[str | os.PathLike] = ()) -> tuple[str, ...]:
    """The folders learner code must not read: the built-in exercises (and those of every install of quizprep on the
    import path: an editable install leaves a copy in site-packages), your packs ($QUIZPREP_HOME/exercises,
    $QUIZPREP_EXERCISES), `roots` (--exercises), and each given reference's exercise folder and the folder holding it.

    Computed by the caller (it knows the catalogue) and sent with every call to the zygote, like the limits."""
    from ..paths import content_dir, exercise_pack_paths

    installed = [Path(p) / "quizprep" / "_data" / "exercises" for p in sys.path if p]
    found = [content_dir("exercises"), *(p for p in installed if p.is_dir()), *exercise_pack_paths(), *(Path(r) for r in roots)]
    for solution in solutions:
        folder = Path(solution).resolve().parent
        found += [folder.parent, folder]
    out: list[str] = []
    for path in found:
        real = os.path.realpath(path)
        if real not in out:
            out.append(real)
    return tuple(out)


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _needed() -> list[str]:
    """What the learner's child still reads after hiding: the interpreter, its imports (numpy, quizprep)."""
    needed = [sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(os.path.dirname(__file__))]
    needed += [p for p in sys.path if p and os.path.isdir(p)]
    numpy = sys.modules.get("numpy")
    if numpy is not None and getattr(numpy, "__file__", None):
        needed.append(os.path.dirname(numpy.__file__))
    return [os.path.realpath(p) for p in needed]


def _hide(libc, folders: Sequence[str], keep: str) -> bool:
    """An empty read-only tmpfs over each folder, but never over one holding `keep` or what the child imports;
    False if a mount was refused."""
    needed = [keep, *_needed()]
    for folder in folders:
        folder = os.path.realpath(folder)
        if folder == "/" or not os.path.isdir(folder) or any(_within(n, folder) for n in needed):
            continue  # hiding it would hide the interpreter or the child's own folder: its exercise folders stay
        if libc.mount(b"quizprep-hidden", folder.encode(), b"tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
                      b"size=4k,nr_inodes=8,mode=0555") != 0:
            return False
    return True


def read_only_except(folder: str, *, hidden: Sequence[str] = (), keep_capabilities: bool = False) -> bool:
    """In this (single-threaded, just forked) process: every file system read-only but `folder`, and each of `hidden`
    an empty folder; False if refused.

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
            and _setattr(libc, folder, 0, clear=MOUNT_ATTR_RDONLY)
            and _hide(libc, hidden, folder))  # last: a refused one leaves the rest read-only all the same
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
    """Try `read_only_except` in a throwaway child (a write inside, one outside, a hidden file to look for);
    `probe_result` collects the answer."""
    if not sys.platform.startswith("linux"):
        return None
    inside = tempfile.mkdtemp(prefix="quizprep-ro-")
    outside = tempfile.mkdtemp(prefix="quizprep-rw-")
    secret = os.path.join(outside, "hidden")
    os.mkdir(secret)
    open(os.path.join(secret, "solution.py"), "w").close()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the throwaway child
        ok = False
        try:
            if read_only_except(inside, hidden=[secret]) and os.listdir(secret) == []:
                open(os.path.join(inside, "ok"), "w").close()
                try:
                    open(os.path.join(outside, "leak"), "w").close()
                except OSError:
                    ok = True
        finally:
            os._exit(0 if ok else 1)
    return pid, inside, outside


def probe_result(probe: tuple[int, str, str] | None) -> bool:
    """Whether the probe's child found a read-only file system with its own folder writable and a hidden folder empty."""
    if probe is None:
        return False
    pid, inside, outside = probe
    _, status = os.waitpid(pid, 0)
    for folder in (inside, outside):
        for name in ("ok", "leak", "hidden/solution.py", "hidden"):
            try:
                (os.rmdir if name == "hidden" else os.unlink)(os.path.join(folder, name))
            except OSError:
                pass
        os.rmdir(folder)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def available() -> bool:
    """Whether `read_only_except` works here, hiding included."""
    return probe_result(start_probe())
