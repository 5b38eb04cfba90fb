"""A warm grader: a process that has imported numpy and pytest and collected one exercise's checks,
and forks a fresh grading child for every request — so a re-grade costs the checks, not start-up.

`WarmGrader` runs it as a subprocess (safe to use from a threaded UI) and talks JSON lines over its
stdin and stdout; `python -m quizprep.grading.warm ID` is that subprocess.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

from .catalogue import Exercise
from .result import GradeResult
from .runner import GRACE_S, INI, GradingPlugin, grade_file
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


class WarmGrader:
    """Grades one exercise quickly and repeatedly; falls back to a cold grade if the warm process fails."""

    def __init__(self, exercise: Exercise, *, timeout: float = 10.0, limits: Limits = Limits()) -> None:
        self.exercise = exercise
        self.timeout = timeout
        self.limits = limits
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "quizprep.grading.warm", exercise.id],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1,
        )
        self._ready = False

    def _readline(self, deadline: float) -> str | None:
        fd = self.proc.stdout.fileno()
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            ready, _, _ = select.select([fd], [], [], remaining)
            if ready:
                line = self.proc.stdout.readline()
                return line or None

    def grade(self, file: Path) -> GradeResult:
        """Grade `file`; never raises, never hangs past the time limit plus a grace period."""
        start = time.monotonic()
        deadline = start + self.timeout + GRACE_S
        try:
            if not self._ready:
                if self._readline(deadline) != "ready\n":
                    raise OSError("the warm grader did not start")
                self._ready = True
            self.proc.stdin.write(json.dumps({"file": str(Path(file).resolve()), "timeout": self.timeout}) + "\n")
            self.proc.stdin.flush()
            line = self._readline(deadline)
            if line is None:
                raise OSError("the warm grader did not answer")
            return GradeResult.from_dict(json.loads(line))
        except (OSError, ValueError, KeyError):
            self.close()
            return grade_file(self.exercise.checks, Path(file).resolve(), self.exercise.solution, self.exercise.id,
                              timeout=self.timeout, limits=self.limits)

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
            try:
                self.proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self) -> WarmGrader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


if __name__ == "__main__":
    serve(sys.argv[1])
