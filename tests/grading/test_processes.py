"""The process plumbing the grading processes share: a guarded fork, kill-and-reap, and whole-payload pipes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

from quizprep.grading.processes import fork_guarded, kill_and_reap, read_until_closed, write_all


def _exit_code(pid: int) -> int | None:
    _, status = os.waitpid(pid, 0)
    return os.WEXITSTATUS(status) if os.WIFEXITED(status) else None


def test_a_guarded_child_that_returns_exits_zero():
    assert _exit_code(fork_guarded(lambda: None)) == 0


def test_a_guarded_child_that_raises_anything_exits_one_without_the_parents_cleanup():
    read_fd, write_fd = os.pipe()

    def work():
        raise KeyboardInterrupt  # a BaseException, not only an Exception

    try:
        pid = fork_guarded(work)
    finally:
        os.write(write_fd, f"{os.getpid()} ".encode())  # in the child this would be a second, different pid
    assert _exit_code(pid) == 1
    os.close(write_fd)
    assert read_until_closed(read_fd, time.monotonic() + 5) == (f"{os.getpid()} ".encode(), False)
    os.close(read_fd)


def test_a_payload_larger_than_a_pipe_arrives_whole():
    payload = os.urandom(1 << 20)  # far over the 64 KiB a pipe holds, so one write cannot carry it
    read_fd, write_fd = os.pipe()

    def work():
        os.close(read_fd)
        write_all(write_fd, payload)

    pid = fork_guarded(work)
    os.close(write_fd)
    got, timed_out = read_until_closed(read_fd, time.monotonic() + 30)
    os.close(read_fd)
    assert _exit_code(pid) == 0
    assert not timed_out and got == payload


def test_reading_stops_at_the_deadline_when_the_writer_keeps_its_end_open():
    read_fd, write_fd = os.pipe()
    os.write(write_fd, b"partial")
    start = time.monotonic()
    got, timed_out = read_until_closed(read_fd, start + 0.3)
    assert timed_out and got == b"partial"
    assert 0.25 < time.monotonic() - start < 5
    os.close(read_fd)
    os.close(write_fd)


def test_kill_and_reap_stops_a_running_child_and_gives_its_status():
    pid = fork_guarded(lambda: time.sleep(60))
    status = kill_and_reap(pid)
    assert status is not None and os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    assert kill_and_reap(pid, status) == status  # already reaped: the status it was given, no second wait


def test_the_warm_servers_grading_child_that_raises_is_an_error_reply_and_the_server_goes_on():
    # in a process of its own: the grade sweeps every child of the process it runs in
    code = textwrap.dedent("""
        import json
        from quizprep.grading.warm_server import _ServingPlugin

        class Launcher:
            proc = None
            def alive(self): return True
            def wait_ready(self): return True
            def close(self): pass

        class Closable:
            def close(self): pass

        def prepare(*args):
            raise KeyboardInterrupt("a fault of the grader itself")

        plugin = object.__new__(_ServingPlugin)
        plugin.launcher, plugin.requests, plugin.channel, plugin.prepare = Launcher(), Closable(), Closable(), prepare
        plugin._new_launcher = lambda: None
        print(json.dumps([plugin._grade(None, "learner.py", 5.0), plugin._grade(None, "learner.py", 5.0)]))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == '[{"error": "failed"}, {"error": "failed"}]'
