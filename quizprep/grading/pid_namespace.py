"""A learner's call in a PID namespace of its own, where the kernel allows it (root, or a user namespace).

The learner's child (child.py) forks into the namespace: its process 1 only reaps, and the learner's
code runs as process 2. There no process outside can be named, so none can be signalled, stopped or
traced: not the zygote, not the grader, not the learner's own shell or editor. The child stays
outside, waits, tells the zygote how many processes the code left (`SWEPT_FD`) and ends as the
learner's process ended, so the zygote reads the same exit status as without a namespace.
"""

from __future__ import annotations

import os
import resource
import signal
import time

from .processes import die_with_parent

RESULT_FD = 3
SWEPT_FD = 4  # where the process outside the namespace says how many processes the learner's code left
NAMESPACE_MARK = b"ns"  # said on SWEPT_FD first: the count that follows, not the zygote's own sweep, is what the code left


def _wait_status(pid: int) -> int:
    while True:
        try:
            return os.waitpid(pid, 0)[1]
        except ChildProcessError:
            return 0
        except InterruptedError:  # pragma: no cover - retried by Python itself
            continue


def _end_as(status: int) -> None:
    """End this process the way `status` says another ended: the same signal or the same exit code."""
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        try:
            signal.signal(sig, signal.SIG_DFL)
        except (OSError, ValueError):  # SIGKILL, SIGSTOP: already the default
            pass
        os.kill(os.getpid(), sig)
        os._exit(128 + sig)  # pragma: no cover - a signal that does not end a process by default
    os._exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 1)


def become_process_two() -> None:
    """Fork into the new PID namespace: process 1 there only waits, the learner's code runs as process 2.

    This process stays outside, waits, and ends as the learner's process did, so the zygote reads the same
    status; process 1 passes that status up a pipe of its own. When the learner's process ends, process 1
    ends, and with it (the kernel sees to that) everything the learner's code left in the namespace. In
    there, no process outside can be named: not the zygote, the grader or anything else of the user's.
    """
    status_r, status_w = os.pipe()
    init = os.fork()
    if init:  # outside: hold none of the learner's pipes, wait, then end as the learner's code did
        try:
            os.write(SWEPT_FD, NAMESPACE_MARK + b" ")
        except OSError:
            pass
        os.close(status_w)
        for fd in (0, 1, 2, RESULT_FD):
            os.close(fd)
        init_status = _wait_status(init)
        reported = os.read(status_r, 64).split()
        if len(reported) == 2 and all(r.isdigit() for r in reported):
            _tell_swept(int(reported[1]))
            _end_as(int(reported[0]))
        _end_as(init_status)
    os.close(status_r)
    os.close(SWEPT_FD)
    die_with_parent()
    learner = os.fork()
    if learner:  # process 1
        for fd in (0, 1, 2, RESULT_FD):
            os.close(fd)
        _reap_namespace(learner, status_w)
    os.close(status_w)
    die_with_parent()


def _tell_swept(count: int) -> None:
    try:
        os.write(SWEPT_FD, str(count).encode())
        os.close(SWEPT_FD)
    except OSError:
        pass


def _reap_namespace(learner: int, status_w: int) -> None:
    """Process 1 of a learner's PID namespace: reap all; once the learner's process has ended, stop what is left, count it."""
    status = None
    left = 0
    while True:
        try:
            pid, st = os.waitpid(-1, 0 if status is None else os.WNOHANG)
        except ChildProcessError:
            break
        if status is None:
            if pid == learner:
                status = st
            continue
        if pid:
            left += 1
        else:  # some still running: stop them (in here, -1 is every process of the namespace but this one)
            try:
                os.kill(-1, signal.SIGKILL)
            except OSError:
                pass
            time.sleep(0.001)
    os.write(status_w, f"{status if status is not None else 0} {left}".encode())
    os._exit(0)
