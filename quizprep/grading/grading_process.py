"""Grading one file against an exercise's checks: pytest in a forked trusted process.

The grading process runs the exercise's pytest module with a plugin that hands each check a
`Learner` and a `Reference` and records one `CheckResult` per check. Learner code never runs here:
every call goes to a zygote that never saw the checks or the reference (see zygote.py); this process
only sees the values sent back. It is non-dumpable, and its report reaches the caller over a socket
of their own with a nonce only the two of them know; anything but that complete report is an error.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import socket
import sys
import threading
import time
from pathlib import Path

from .limits import GRACE_S
from .processes import (
    children,
    die_with_parent,
    fork_guarded,
    kill_and_reap,
    private,
    read_until_closed,
    set_subreaper,
    sweep_children,
    write_all,
)
from .result import CheckResult, GradeResult, overall_status
from .sandbox import LearnerFailure, Limits
from .zygote import Launcher

INI = Path(__file__).with_name("pytest.ini")


def check_name(nodeid: str) -> str:
    """`check_x.py::test_matches_reference[4x3]` -> `matches reference [4x3]`."""
    name = nodeid.split("::")[-1]
    base, _, params = name.partition("[")
    base = base.removeprefix("test_").replace("_", " ")
    return f"{base} [{params}" if params else base


class GradingPlugin:
    """pytest plugin: the `learner`/`reference` fixtures and one result per check, in order."""

    def __init__(self, learner_path: Path, solution_path: Path, exercise_id: str, deadline: float, limits: Limits,
                 launcher: Launcher | None = None) -> None:
        from .probes import Reference

        self.launcher = launcher or Launcher.hiding(solution_path)  # boots while the reference and the checks load
        self.exercise_id = exercise_id
        self.limits = limits
        self.reference_path = solution_path
        self.reference_error = ""
        self._reference = None
        try:  # loaded now, before any learner code runs anywhere
            self._reference = Reference(solution_path)
        except Exception as err:  # noqa: BLE001 - a broken reference is reported, not raised
            self.reference_error = f"{type(err).__name__}: {err}"
        self.order: list[str] = []
        self.collect_errors: list[str] = []
        self.prepare(learner_path, deadline)

    def prepare(self, learner_path: Path, deadline: float) -> None:
        """Point the plugin at a learner file with a fresh deadline and no results yet."""
        from .probes import Learner

        self.learner = Learner(learner_path, deadline=deadline, limits=self.limits, module_name=f"learner_{self.exercise_id}",
                               launcher=self.launcher)
        self.results: dict[str, CheckResult] = {}
        self.import_failure: LearnerFailure | None = None

    def reference_runner(self):
        return self._reference

    def close(self) -> None:
        """Stop the zygote."""
        self.launcher.close()

    def pytest_configure(self, config):
        import pytest

        plugin = self

        class Fixtures:
            @pytest.fixture
            def learner(self):
                return plugin.learner

            @pytest.fixture
            def reference(self):
                return plugin.reference_runner()

        config.pluginmanager.register(Fixtures(), "quizprep-fixtures")

    def pytest_collectreport(self, report):
        if report.failed:
            self.collect_errors.append(str(report.longrepr)[-2000:])

    def pytest_collection_finish(self, session):
        from .sandbox import ship_by_value

        self.order = [item.nodeid for item in session.items]
        for folder in {Path(item.path).parent for item in session.items}:
            ship_by_value(folder)  # the probes travel with their own module's code, never by import

    def check_import(self) -> bool:
        """Import the learner's file once, so a broken module is one clear error, not one per check."""
        try:
            self.learner.call(None)
        except LearnerFailure as failure:
            self.import_failure = failure
        return self.import_failure is None

    def run_items(self, session) -> None:
        """pytest's own run loop: every collected check, in order."""
        if not session.items or self.reference_error or not self.check_import():
            return
        gc.freeze()  # the learner's forks then share these objects without copy-on-write page faults from the GC
        items = session.items
        for i, item in enumerate(items):
            item.config.hook.pytest_runtest_protocol(item=item, nextitem=items[i + 1] if i + 1 < len(items) else None)

    def pytest_runtestloop(self, session):
        self.run_items(session)
        return True

    def pytest_runtest_makereport(self, item, call):
        if call.when == "call" or (call.excinfo is not None and item.nodeid not in self.results):
            self.results[item.nodeid] = self._result(item.nodeid, call)

    def _result(self, nodeid: str, call) -> CheckResult:
        from .diagnosis import CheckFailed
        from .probes import NotRun

        name = check_name(nodeid)
        output = "".join(self.learner.outputs)[-4000:]
        self.learner.outputs.clear()
        if call.excinfo is None:
            return CheckResult(name, "pass", output=output)
        exc = call.excinfo.value
        if isinstance(exc, CheckFailed):
            return CheckResult(name, "fail", exc.message, exc.diagnosis, output)
        if isinstance(exc, NotRun):
            return CheckResult(name, "not_run", str(exc))
        if isinstance(exc, LearnerFailure):
            status = {"not_implemented": "fail", "timeout": "timeout"}.get(exc.kind, "error")
            detail = tuple(exc.detail.splitlines()[-12:]) if exc.kind != "timeout" else ()
            return CheckResult(name, status, exc.message, detail, output)
        if isinstance(exc, AssertionError):
            return CheckResult(name, "fail", str(exc) or "a check failed", (), output)
        return CheckResult(name, "error", f"the check itself failed: {type(exc).__name__}: {exc}", (), output)

    def outcome(self, exercise_id: str, duration: float) -> GradeResult:
        if self.reference_error:
            return GradeResult(exercise_id, "error", (), duration, "the reference solution for this exercise could not be loaded"
                               " — fix solution.py", self.reference_error[-4000:])
        if self.collect_errors or not self.order:
            return GradeResult(exercise_id, "error", (), duration, "the checks for this exercise could not be loaded",
                               "\n".join(self.collect_errors)[-4000:])
        if self.import_failure is not None:
            f = self.import_failure
            status = "timeout" if f.kind == "timeout" else ("fail" if f.kind == "not_implemented" else "error")
            checks = tuple(CheckResult(check_name(n), "not_run", "not run: the module did not import") for n in self.order)
            return GradeResult(exercise_id, status, checks, duration, f"importing your file failed: {f.message}", f.detail)
        checks = tuple(self.results.get(n) or CheckResult(check_name(n), "not_run", "not run") for n in self.order)
        return GradeResult(exercise_id, overall_status(checks), checks, duration)


def run_checks(checks_path: Path, learner_path: Path, solution_path: Path, exercise_id: str, *,
               timeout: float, limits: Limits, launcher: Launcher | None = None) -> GradeResult:
    """Run the checks in this process (call it in a process of its own: see `grade_file`)."""
    launcher = launcher or Launcher.hiding(solution_path)  # first: the zygote boots while pytest and the checks load

    start = time.monotonic()
    plugin = GradingPlugin(learner_path, solution_path, exercise_id, start + timeout, limits, launcher=launcher)
    run_pytest(checks_path, plugin)
    return plugin.outcome(exercise_id, time.monotonic() - start)


def run_pytest(checks_path: Path, plugin: GradingPlugin) -> None:
    """Run an exercise's check module under pytest with `plugin` and no other (none autoloaded), then stop its zygote."""
    import pytest

    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    try:
        pytest.main([str(checks_path), "-c", str(INI), "--rootdir", str(checks_path.parent), "--import-mode=importlib"],
                    plugins=[plugin])
    finally:
        plugin.close()


class _Terminated(BaseException):
    """SIGTERM arrived while grading: cleaned up like Ctrl-C, then the process exits."""


def _on_sigterm(*_):
    raise _Terminated


def grade_file(checks_path: Path, learner_path: Path, solution_path: Path, exercise_id: str, *,
               timeout: float | None = None, limits: Limits = Limits(), while_waiting=None,
               launcher: Launcher | None = None) -> GradeResult:
    """Grade `learner_path` in a forked grading process; anything but a complete report is an error.

    `while_waiting()`, if given, runs in this process while the grading process works. However this
    call ends (a report, a time-out, Ctrl-C, SIGTERM), no process it started is left running.
    """
    timeout = limits.timeout_s if timeout is None else timeout
    start = time.monotonic()
    nonce = os.urandom(16).hex()
    launcher = launcher or Launcher.hiding(solution_path)
    with private():
        reaper_before = set_subreaper(True)  # what escapes the grading process's own sweep comes back here
        before = children()
        ours, theirs = socket.socketpair()
        pid = fork_guarded(lambda: _grading_child(ours, theirs, nonce, checks_path, learner_path, solution_path, exercise_id,
                                                  timeout, limits, launcher))
        theirs.close()
        launcher.hand_over()
        old_term = signal.signal(signal.SIGTERM, _on_sigterm) if threading.current_thread() is threading.main_thread() else None
        report, status, timed_out = b"", None, False
        try:
            if while_waiting is not None:
                while_waiting()
            report, timed_out = read_until_closed(ours.fileno(), start + timeout + GRACE_S)
            if not timed_out:
                _, status = os.waitpid(pid, 0)
        except _Terminated:
            raise SystemExit(128 + signal.SIGTERM) from None
        finally:
            status = kill_and_reap(pid, status)
            launcher.close()
            sweep_children(keep=before)
            if not reaper_before:
                set_subreaper(False)
            ours.close()
            if old_term is not None:
                signal.signal(signal.SIGTERM, old_term)
    duration = time.monotonic() - start
    try:
        data = json.loads(report)
        if not isinstance(data, dict) or data.get("nonce") != nonce:
            raise ValueError("not this grade's report")
        result = GradeResult.from_dict(data["result"])
    except (ValueError, KeyError, TypeError):
        return GradeResult(exercise_id, "error", (), duration, _no_report_message(status, timed_out, timeout))
    return GradeResult(result.exercise, result.status, result.checks, duration, result.message, result.detail,
                       "".join(c.output for c in result.checks)[-8000:])


def _grading_child(ours, theirs, nonce, checks_path, learner_path, solution_path, exercise_id, timeout, limits, launcher) -> None:
    """The grading process (under `fork_guarded`): run the checks, send the report with the nonce."""
    ours.close()
    os.setpgid(0, 0)
    die_with_parent()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the caller handles Ctrl-C and then stops this process
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    sys.stdout = sys.stderr = open(os.devnull, "w")  # not a caller's in-memory capture either
    set_subreaper(True)
    result = run_checks(checks_path, learner_path, solution_path, exercise_id, timeout=timeout, limits=limits, launcher=launcher)
    sweep_children()
    write_all(theirs.fileno(), json.dumps({"nonce": nonce, "result": result.to_dict()}, ensure_ascii=False).encode())


def _no_report_message(status, timed_out: bool, timeout: float) -> str:
    if timed_out:
        return (f"the grader did not finish within {timeout + GRACE_S:.0f} s — if your code blocks signals or "
                "keeps the machine busy at import, remove that")
    if status is not None and os.WIFSIGNALED(status):
        return (f"the grading process was killed (signal {os.WTERMSIG(status)}) before it reported — "
                "if your code kills or signals other processes, remove that")
    return "the grader stopped without a report — please report this"
