"""The warm grading process: numpy and pytest imported, one exercise's reference loaded and checks collected once,
a zygote kept running; every request forks a fresh grading child. Run as `python -m quizprep.grading.warm_server`
by `WarmGrader`, which gives it a socket as standard input and talks JSON lines over it: first the
configuration (exercise id, checks and solution paths, limits), then one request per grade, each
answered by a line that carries the request's nonce.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time
from pathlib import Path

from .grading_process import GradingPlugin, run_pytest
from .limits import GRACE_S, Limits
from .processes import fork_guarded, kill_and_reap, read_until_closed, set_dumpable, set_subreaper, sweep_children, write_all
from .zygote import Launcher


class _ServingPlugin(GradingPlugin):
    """Instead of running the checks once, serve grade requests from the client until it closes."""

    def __init__(self, *args, channel: socket.socket, requests, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.channel = channel
        self.requests = requests

    def _send(self, message: dict) -> None:
        self.channel.sendall(json.dumps(message, ensure_ascii=False).encode() + b"\n")

    def pytest_runtestloop(self, session):
        self._send({"ready": True})
        for line in self.requests:
            try:
                request = json.loads(line)
                nonce, file, timeout = str(request["nonce"]), Path(request["file"]), float(request["timeout"])
            except (ValueError, KeyError, TypeError):
                continue
            self._send({"nonce": nonce, **self._grade(session, file, timeout)})
        return True

    def _grade(self, session, file: Path, timeout: float) -> dict:
        """One grade in a fresh child over a fresh pipe; the zygote is replaced if that child did not end cleanly."""
        if not self.launcher.alive():
            self._new_launcher()
        if not self.launcher.wait_ready():
            self._new_launcher()
            if not self.launcher.wait_ready():
                return {"error": "lost"}
        start = time.monotonic()
        read_fd, write_fd = os.pipe()
        # any failure in the child is an error reply, never a crash of the server or its cleanup run twice
        pid = fork_guarded(lambda: self._grade_in_child(session, file, start, timeout, read_fd, write_fd))
        os.close(write_fd)
        try:
            report, timed_out = read_until_closed(read_fd, start + timeout + GRACE_S)
        finally:
            os.close(read_fd)
            status = kill_and_reap(pid)
            sweep_children(keep={self.launcher.proc.pid} if self.launcher.proc else set())
        exited = status is not None and os.WIFEXITED(status)
        clean = not timed_out and exited and os.WEXITSTATUS(status) == 0
        if not clean:
            self._new_launcher()  # it may still be busy with, or hold a reply for, the child that went
        if timed_out:
            return {"error": "timeout"}
        if not clean:
            return {"error": "failed" if exited else "killed"}  # an exit of its own is a fault of the grader
        try:
            return {"result": json.loads(report)}
        except ValueError:
            return {"error": "killed"}

    def _grade_in_child(self, session, file: Path, start: float, timeout: float, read_fd: int, write_fd: int) -> None:
        """The per-grade child (under `fork_guarded`): run the collected checks on `file`, write the result."""
        os.close(read_fd)
        self.requests.close()
        self.channel.close()  # only the server answers the client
        self.prepare(file, start + timeout)
        self.run_items(session)
        write_all(write_fd, self.outcome(self.exercise_id, time.monotonic() - start).to_json().encode())

    def _new_launcher(self) -> None:
        self.launcher.close()
        self.launcher = Launcher(self.launcher.hidden).start()


def serve() -> None:
    """Entry point of the warm subprocess."""
    set_dumpable(False)
    set_subreaper(True)
    channel = socket.socket(fileno=os.dup(0))
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    requests = channel.makefile("rb")
    config = json.loads(requests.readline() or b"{}")
    limits = Limits(**config["limits"])
    checks, solution = Path(config["checks"]), Path(config["solution"])
    launcher = Launcher.hiding(solution)  # boots while this process loads numpy, pytest and the checks

    import numpy  # noqa: F401 - imported once here so every grade child starts warm

    plugin = _ServingPlugin(solution, solution, str(config["exercise"]), time.monotonic(), limits, channel=channel,
                            requests=requests, launcher=launcher)
    try:
        run_pytest(checks, plugin)
    finally:
        sweep_children()


if __name__ == "__main__":
    serve()
    sys.exit(0)
