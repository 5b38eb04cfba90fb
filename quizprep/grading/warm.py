"""A warm grader for one exercise: re-grades cost the checks, not interpreter, numpy and pytest
start-up. The work happens in a subprocess (see warmserver.py), so this module imports nothing heavy
and is safe to use from a threaded UI.
"""

from __future__ import annotations

import json
import select
import subprocess
import sys
import time
from pathlib import Path

from .catalogue import Exercise
from .limits import GRACE_S, Limits
from .result import GradeResult


class WarmGrader:
    """Grades one exercise quickly and repeatedly; falls back to a cold grade if the warm process fails."""

    def __init__(self, exercise: Exercise, *, timeout: float = 10.0, limits: Limits = Limits()) -> None:
        self.exercise = exercise
        self.timeout = timeout
        self.limits = limits
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "quizprep.grading.warmserver", exercise.id],
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
            return self._cold_grade(Path(file))

    def _cold_grade(self, file: Path) -> GradeResult:
        """The warm process failed: grade once in a fresh `quizprep grade` process instead."""
        cmd = [sys.executable, "-m", "quizprep", "grade", self.exercise.id, "--file", str(file.resolve()),
               "--json", "--timeout", str(self.timeout), "--no-record"]
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=self.timeout + GRACE_S)
            return GradeResult.from_dict(json.loads(out.stdout))
        except (subprocess.TimeoutExpired, ValueError, KeyError):
            return GradeResult(self.exercise.id, "error", (), 0.0, "the grader stopped without a report — please report this")

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
