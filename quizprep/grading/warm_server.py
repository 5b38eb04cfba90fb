"""The warm grading process: numpy and pytest imported, one exercise's reference loaded and checks collected once,
a zygote kept running; every request forks a fresh grading child. Run as `python -m quizprep.grading.warm_server`
by `WarmGrader`, which gives it a socket as standard input and talks JSON lines over it: first the
configuration (exercise id, checks and solution paths, limits), then one request per grade, each
answered by a line that carries the request's nonce.
"""

from __future__ import annotations

import json
import os
import select
import socket
import sys
import time
from pathlib import Path

from .grading_process import INI, GradingPlugin
from .limits import GRACE_S, Limits
from .processes import kill_tree, set_dumpable, set_subreaper, sweep_children
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
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the per-grade child
            code = 1
            try:
                os.close(read_fd)
                self.requests.close()
                self.channel.close()  # only the server answers the client
                self.prepare(file, start + timeout)
                self.run_items(session)
                payload = self.outcome(self.exercise_id, time.monotonic() - start).to_json().encode()
                view = memoryview(payload)
                while view:
                    view = view[os.write(write_fd, view):]
                code = 0
            except BaseException:  # noqa: BLE001 - any failure here is an error reply, never a crash of the server
                pass
            os._exit(code)
        os.close(write_fd)
        chunks, deadline, timed_out = [], start + timeout + GRACE_S, False
        try:
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    timed_out = True
                    break
                if select.select([read_fd], [], [], remaining)[0]:
                    data = os.read(read_fd, 1 << 16)
                    if not data:
                        break
                    chunks.append(data)
        finally:
            os.close(read_fd)
            kill_tree(pid)
            _, status = os.waitpid(pid, 0)
            sweep_children(keep={self.launcher.proc.pid} if self.launcher.proc else set())
        clean = not timed_out and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
        if not clean:
            self._new_launcher()  # it may still be busy with, or hold a reply for, the child that went
        try:
            return {"result": json.loads(b"".join(chunks))} if clean else {"error": "timeout" if timed_out else "killed"}
        except ValueError:
            return {"error": "killed"}

    def _new_launcher(self) -> None:
        self.launcher.close()
        self.launcher = Launcher().start()


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
    launcher = Launcher().start()  # boots while this process loads numpy, pytest and the checks

    import numpy  # noqa: F401 - imported once here so every grade child starts warm
    import pytest

    plugin = _ServingPlugin(solution, solution, str(config["exercise"]), time.monotonic(), limits, channel=channel,
                            requests=requests, launcher=launcher)
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    try:
        pytest.main([str(checks), "-c", str(INI), "--rootdir", str(checks.parent), "--import-mode=importlib"], plugins=[plugin])
    finally:
        plugin.close()
        sweep_children()


if __name__ == "__main__":
    serve()
    sys.exit(0)
