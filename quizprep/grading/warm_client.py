"""A warm grader for one exercise: re-grades cost the checks, not interpreter, numpy and pytest
start-up. The work happens in a subprocess (see warm_server.py), so this module imports nothing heavy
and is safe to use from a threaded UI.

The server gets the exercise's resolved checks and solution paths and the limits (so exercise packs
and custom limits work), over a socket only the two processes hold; each reply must carry the
nonce of the request it answers, so a stray or forged line is never taken as a verdict.
"""

from __future__ import annotations

import json
import os
import select
import socket
import subprocess
import sys
import time
from dataclasses import asdict, replace
from pathlib import Path

from .exercises import Exercise
from .limits import GRACE_S, Limits
from .processes import private
from .result import GradeResult

STARTUP_S = 60.0  # interpreter, numpy, pytest and the checks on a loaded machine
MAX_LINE = 64 * 1024 * 1024


class WarmGrader:
    """Grades one exercise quickly and repeatedly; restarts its server if that has gone."""

    def __init__(self, exercise: Exercise, *, timeout: float | None = None, limits: Limits = Limits()) -> None:
        self.exercise = exercise
        self.limits = limits if timeout is None else replace(limits, timeout_s=timeout)
        self.timeout = self.limits.timeout_s
        self.proc: subprocess.Popen | None = None
        self.sock: socket.socket | None = None
        self._private = private().__enter__()  # this process holds the channel: keep it unreadable meanwhile
        self._start()

    def _start(self) -> None:
        ours, theirs = socket.socketpair()
        self.proc = subprocess.Popen([sys.executable, "-m", "quizprep.grading.warm_server"], stdin=theirs,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=True, start_new_session=True)
        theirs.close()
        self.sock = ours
        self._buffer = b""
        self._ready = False
        config = {"exercise": self.exercise.id, "checks": str(Path(self.exercise.checks).resolve()),
                  "solution": str(Path(self.exercise.solution).resolve()), "limits": asdict(self.limits)}
        ours.sendall(json.dumps(config).encode() + b"\n")

    def _readline(self, deadline: float) -> dict | None:
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or len(self._buffer) > MAX_LINE:
                return None
            if select.select([self.sock], [], [], remaining)[0]:
                data = self.sock.recv(1 << 16)
                if not data:
                    return None
                self._buffer += data
        line, _, self._buffer = self._buffer.partition(b"\n")
        try:
            message = json.loads(line)
        except ValueError:
            return {}
        return message if isinstance(message, dict) else {}

    def grade(self, file: Path) -> GradeResult:
        """Grade `file`; never raises, never hangs past the time limit plus a grace period."""
        start = time.monotonic()
        try:
            if self.proc is None or self.proc.poll() is not None:
                self.close(keep_private=True)
                self._start()
            if not self._ready:
                ready = self._readline(start + STARTUP_S)
                if not ready or not ready.get("ready"):
                    raise OSError("the warm grader did not start")
                self._ready = True
            nonce = os.urandom(16).hex()
            self.sock.sendall(json.dumps({"nonce": nonce, "file": str(Path(file).resolve()), "timeout": self.timeout}).encode()
                              + b"\n")
            deadline = time.monotonic() + self.timeout + GRACE_S
            while (reply := self._readline(deadline)) is not None:
                if reply.get("nonce") != nonce:
                    continue  # not the answer to this request
                if "result" in reply:
                    return GradeResult.from_dict(reply["result"])
                return self._error(reply.get("error"), time.monotonic() - start)
            raise OSError("the warm grader did not answer")
        except (OSError, ValueError, KeyError, TypeError):
            self.close(keep_private=True)
            return self._error("lost", time.monotonic() - start)

    def _error(self, kind, duration: float) -> GradeResult:
        if kind == "timeout":
            message = (f"the grader did not finish within {self.timeout + GRACE_S:.0f} s — if your code blocks signals "
                       "or keeps the machine busy, remove that")
        elif kind == "killed":
            message = "the grading process was killed before it reported — if your code kills or signals other processes, remove that"
        else:
            message = ("the grading process stopped without a report — if your code kills or signals other processes, remove that;"
                       " otherwise please report this")
        return GradeResult(self.exercise.id, "error", (), duration, message)

    def close(self, keep_private: bool = False) -> None:
        """Stop the server (and, with it, everything it started)."""
        if self.sock is not None:
            self.sock.close()  # the server sees the end of its requests and cleans up
            self.sock = None
        if self.proc is not None and self.proc.poll() is None:
            try:
                self.proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
        if not keep_private and self._private is not None:
            self._private.__exit__(None, None, None)
            self._private = None

    def __enter__(self) -> WarmGrader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
