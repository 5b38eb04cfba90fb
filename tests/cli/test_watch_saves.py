"""`quizprep watch` sees saves through file events: a save is being graded within 100 ms of the write, keys are
read while it waits, and nothing spins or sleeps in between."""

import os
import threading
import time
from pathlib import Path

import pytest

from quizprep.cli import watch
from quizprep.cli.watch import SaveWatcher
from quizprep.grading import warm_client
from quizprep.grading.result import CheckResult, GradeResult
from quizprep.services import Services

ROOT = Path(__file__).resolve().parents[2]
SOLUTION = (ROOT / "exercises" / "relu_grad" / "solution.py").read_text()


def test_a_write_a_rename_and_a_same_size_save_are_each_seen_at_once(tmp_path):
    path = tmp_path / "relu_grad.py"
    path.write_text("a = 1\n")
    with SaveWatcher(path) as saves:
        time.sleep(0.2)  # the watcher's folder watch is in place
        assert not saves.wait(0.2)  # nothing written: nothing seen
        (tmp_path / "other.py").write_text("x")
        path.read_text()
        assert not saves.wait(0.2)  # another file, and reading this one, are not saves
        delays = []
        for i in range(5):
            start = time.perf_counter()
            path.write_text(f"a = {i}\n")
            assert saves.wait(2.0)
            delays.append(time.perf_counter() - start)
        assert min(delays) < 0.1, delays
        before = path.stat()
        path.write_text("b = 9\n")  # the same size, and the modification time put back: still a save
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert saves.wait(2.0)
        replacement = tmp_path / "relu_grad.py.swp"
        replacement.write_text("c = 3\n")
        os.replace(replacement, path)  # how many editors save
        assert saves.wait(2.0)
        assert saves.error is None


class FakeGrader:
    """Notes when each grade starts and what it read; answers at once."""

    calls: list = []

    def __init__(self, exercise, *, timeout=None, limits=None) -> None:
        self.exercise = exercise

    def grade(self, path):
        FakeGrader.calls.append((time.perf_counter(), Path(path).read_text()))
        return GradeResult(self.exercise.id, "fail", (CheckResult("c", "fail", "not yet"),), 0.01)

    def close(self) -> None:
        pass


class PipeKeys:
    """Key presses through a pipe, as a terminal delivers them; counts how often the loop asked."""

    def __init__(self) -> None:
        self.fd, self._w = os.pipe()
        self.asked = 0

    def press(self, key: str) -> None:
        os.write(self._w, key.encode())

    def __call__(self):
        import select

        self.asked += 1
        if not select.select([self.fd], [], [], 0)[0]:
            return None
        return os.read(self.fd, 1).decode()


@pytest.fixture
def watched(quizprep_home, monkeypatch):
    monkeypatch.setattr(warm_client, "WarmGrader", FakeGrader)
    FakeGrader.calls = []
    keys = PipeKeys()

    class Keys:
        def __enter__(self):
            return keys

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(watch, "_keys", Keys)
    services = Services()
    copy = quizprep_home / "workspace" / "relu_grad.py"
    copy.parent.mkdir(parents=True)
    copy.write_text(SOLUTION)
    return services, copy, keys


def _run(services):
    done = {}
    thread = threading.Thread(target=lambda: done.setdefault("rc", watch.watch(services, services.exercise("relu_grad"), timeout=5)))
    thread.start()
    return thread, done


def _until(condition, seconds=10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def test_watch_grades_each_save_within_100_ms_and_waits_without_spinning(watched, capsys):
    services, copy, keys = watched
    thread, done = _run(services)
    _until(lambda: len(FakeGrader.calls) == 1)  # an edited copy is graded at once
    time.sleep(0.3)
    asked = keys.asked
    time.sleep(0.5)
    assert keys.asked == asked  # idle: no loop turned while nothing happened (no polling)
    delays = []
    for i in range(4):
        start = time.perf_counter()
        copy.write_text(SOLUTION + f"\n# edit {i}\n")
        _until(lambda n=i + 2: len(FakeGrader.calls) >= n)
        delays.append(FakeGrader.calls[-1][0] - start)
        assert FakeGrader.calls[-1][1].endswith(f"# edit {i}\n")  # the save itself was graded
        time.sleep(0.1)
    keys.press("q")
    thread.join(5)
    assert not thread.is_alive() and done["rc"] == 0
    assert min(delays) < 0.1, delays
    assert [v.source for v in services.grade_history("relu_grad")][-1].endswith("# edit 3\n")  # each kept in its history


def test_keys_work_while_watch_waits_for_a_save(watched, capsys):
    services, copy, keys = watched
    thread, done = _run(services)
    _until(lambda: len(FakeGrader.calls) == 1)
    keys.press("r")  # re-grade now, without a save
    _until(lambda: len(FakeGrader.calls) == 2)
    keys.press("h")
    _until(lambda: "hint 1/" in capsys.readouterr().out)
    keys.press("n")  # not passed: stays
    keys.press("q")
    thread.join(5)
    assert not thread.is_alive() and done["rc"] == 0
    assert len(FakeGrader.calls) == 2
    assert services.count_events("hint", "relu_grad") == 1
