"""The warm grading process: numpy and pytest imported and one exercise's checks collected once;
every request forks a fresh grading child. Run as `python -m quizprep.grading.warmserver ID` by
`WarmGrader`, which talks JSON lines over its stdin and stdout.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from .runner import INI, GradingPlugin
from .sandbox import Limits


class _ServingPlugin(GradingPlugin):
    """Instead of running the checks once, serve grade requests from stdin until it closes."""

    def __init__(self, *args, requests, responses, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.requests = requests
        self.responses = responses

    def pytest_runtestloop(self, session):
        self.responses.write("ready\n")
        self.responses.flush()
        for line in self.requests:
            request = json.loads(line)
            start = time.monotonic()
            read_fd, write_fd = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the per-grade child
                os.close(read_fd)
                self.prepare(Path(request["file"]), start + float(request["timeout"]))
                self.run_items(session)
                payload = self.outcome(self.exercise_id, time.monotonic() - start).to_json().encode()
                view = memoryview(payload)
                while view:
                    view = view[os.write(write_fd, view):]
                os._exit(0)
            os.close(write_fd)
            chunks = []
            while data := os.read(read_fd, 1 << 16):
                chunks.append(data)
            os.close(read_fd)
            os.waitpid(pid, 0)
            self.responses.write((b"".join(chunks).decode() or "{}") + "\n")
            self.responses.flush()
        return True


def serve(exercise_id: str) -> None:
    """Entry point of the warm subprocess."""
    import numpy  # noqa: F401 - imported once here so every grade child starts warm
    import pytest

    from .catalogue import find_exercise

    exercise = find_exercise(exercise_id)
    responses = os.fdopen(os.dup(1), "w")
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    requests = os.fdopen(os.dup(0), "r")
    os.dup2(devnull, 0)
    plugin = _ServingPlugin(exercise.solution, exercise.solution, exercise.id, time.monotonic(), Limits(),
                            requests=requests, responses=responses)
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    pytest.main([str(exercise.checks), "-c", str(INI), "--rootdir", str(exercise.checks.parent), "--import-mode=importlib"],
                plugins=[plugin])


if __name__ == "__main__":
    serve(sys.argv[1])
