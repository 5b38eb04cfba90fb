"""A shared run's parts (`guarded` in the probe, `Learner.part` in the check) fail one by one, each as its own call would.

Every part is compared with the same function run as a call of its own through the same real zygote:
the child's report of that call is the independent account of what the part must give back.
"""

import sys
import time
from pathlib import Path

import pytest

from quizprep.grading.api import guarded, guarded_afresh
from quizprep.grading.probes import Learner, NotRun
from quizprep.grading.sandbox import LearnerFailure, NotImplementedYet
from quizprep.grading.zygote import Launcher

SOURCE = """\
import sys
import warnings

def ok():
    warnings.warn("careful")
    return [1.5, "two"]

def bad(x):
    return {"k": 1}[x]

def leave():
    sys.exit(3)

def todo():
    raise NotImplementedError

def greedy():
    raise MemoryError()
"""

NAMES = ("ok", "bad", "leave", "todo")


@pytest.fixture(scope="module")
def zygote():
    launcher = Launcher().start()
    yield launcher
    launcher.close()


@pytest.fixture(autouse=True)
def bytecode_is_written(monkeypatch):
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


@pytest.fixture
def learner(zygote, tmp_path):
    path = tmp_path / "learner.py"
    path.write_text(SOURCE)
    return Learner(path, deadline=time.monotonic() + 60, launcher=zygote)


def shared(m):
    return {"ok": guarded(m, lambda mm: mm.ok()), "bad": guarded(m, lambda mm: mm.bad("missing")),
            "leave": guarded(m, lambda mm: mm.leave()), "todo": guarded(m, lambda mm: mm.todo())}


ALONE = {"ok": lambda m: m.ok(), "bad": lambda m: m.bad("missing"), "leave": lambda m: m.leave(), "todo": lambda m: m.todo()}


def outcome(get):
    try:
        result = get()
    except LearnerFailure as failure:
        return type(failure), failure.message, failure.detail
    return result.value, [w for w in result.warnings if "careful" in w]


def test_each_part_gives_back_what_its_own_call_gives(learner):
    for name in NAMES:
        assert outcome(lambda n=name: learner.part(shared, n)) == outcome(lambda n=name: learner.call(ALONE[n])), name


def test_the_parts_are_one_sandboxed_call_and_fail_one_by_one(learner, monkeypatch):
    calls = []
    real = learner.call
    monkeypatch.setattr(learner, "call", lambda fn, *args: calls.append(fn) or real(fn, *args))
    assert learner.part(shared, "ok").value == [1.5, "two"]
    with pytest.raises(LearnerFailure, match="your code raised KeyError: 'missing'") as info:
        learner.part(shared, "bad")
    assert "line 9, in bad" in info.value.detail
    with pytest.raises(LearnerFailure, match=r"sys\.exit\(3\)"):
        learner.part(shared, "leave")
    with pytest.raises(NotImplementedYet):
        learner.part(shared, "todo")
    assert learner.part(shared, "ok").warnings and len(calls) == 1


def test_a_part_out_of_memory_stops_the_parts_read_after_it(learner):
    def probe(m):
        return {"first": guarded(m, lambda mm: mm.ok()), "greedy": guarded(m, lambda mm: mm.greedy()),
                "later": guarded(m, lambda mm: mm.ok())}

    assert learner.part(probe, "first").value == [1.5, "two"]
    with pytest.raises(LearnerFailure, match="ran out of memory"):
        learner.part(probe, "greedy")
    with pytest.raises(NotRun):
        learner.part(probe, "later")  # its own call would not have been made
    assert learner.part(probe, "first").value == [1.5, "two"]  # read before: kept, as call_once keeps a run


def test_a_part_that_is_not_a_guarded_result_is_an_unreadable_result(learner):
    with pytest.raises(LearnerFailure, match="unreadable result"):
        learner.part(lambda m: {"x": 1}, "x")
    with pytest.raises(LearnerFailure, match="unreadable result"):
        learner.part(lambda m: [1], "y", key="list")


def test_the_reference_reads_its_parts_too(tmp_path):
    from quizprep.grading.probes import Reference

    path = tmp_path / "reference_for_parts.py"
    path.write_text(SOURCE)
    reference = Reference(Path(path), module_name="reference_for_parts")
    assert reference.part(shared, "ok").value == [1.5, "two"]


def test_a_time_out_after_earlier_checks_says_how_much_of_the_grade_s_time_was_left(zygote, tmp_path):
    path = tmp_path / "learner.py"
    path.write_text("import time\n\ndef slow(seconds):\n    time.sleep(seconds)\n    return seconds\n")
    learner = Learner(path, deadline=time.monotonic() + 3, launcher=zygote)
    assert learner.run(lambda m: m.slow(1.2)) == 1.2  # an earlier check uses part of the grade's 3 s
    with pytest.raises(LearnerFailure) as caught:
        learner.run(lambda m: m.slow(30))
    assert caught.value.kind == "timeout"
    said = caught.value.message
    assert "3 s for the whole grade" in said and "were left for this check" in said and "infinite loop" in said
    left = float(said.split("of which ")[1].split(" s")[0])
    assert 0.5 < left < 1.9  # what remained of 3 s after 1.2 s (and the calls' own cost), not the whole limit


def test_a_time_out_of_the_first_check_gives_the_limit_alone(zygote, tmp_path):
    path = tmp_path / "learner.py"
    path.write_text("def spin():\n    while True:\n        pass\n")
    learner = Learner(path, deadline=time.monotonic() + 1.5, launcher=zygote)
    with pytest.raises(LearnerFailure) as caught:
        learner.run(lambda m: m.spin())
    assert caught.value.kind == "timeout" and "for the whole grade" not in caught.value.message
    assert "did not finish within the time limit (1." in caught.value.message


def test_guarded_afresh_gives_each_part_the_module_as_a_process_of_its_own_would(zygote, tmp_path):
    path = tmp_path / "learner.py"
    path.write_text("class Counter:\n    calls = []\n\n    def tick(self):\n        self.calls.append(1)\n        return len(self.calls)\n")
    learner = Learner(path, deadline=time.monotonic() + 60, launcher=zygote)

    def tick(m):
        return m.Counter().tick()

    def shared_state(m):
        return {name: guarded(m, tick) for name in ("a", "b", "c")}

    def fresh_state(m, source):
        return {name: guarded_afresh(m, source, tick) for name in ("a", "b", "c")}

    assert [learner.part(shared_state, n).value for n in "abc"] == [1, 2, 3]  # a class attribute lives on across parts
    assert [learner.part(fresh_state, n, learner.source).value for n in "abc"] == [1, 1, 1]
    assert learner.call(tick).value == 1  # as each in a process of its own


SLOW_SOURCE = """\
import signal

def quick():
    return 1

def spin():
    while True:
        pass

def spin_catching_exceptions():
    while True:
        try:
            while True:
                pass
        except Exception:
            pass

def spin_ignoring_alarms():
    signal.signal(signal.SIGALRM, signal.SIG_IGN)
    while True:
        pass
"""


def three_parts(m, middle):
    return {"first": guarded(m, lambda mm: mm.quick()), "middle": guarded(m, lambda mm: getattr(mm, middle)()),
            "last": guarded(m, lambda mm: mm.quick())}


@pytest.mark.parametrize("middle", ["spin", "spin_catching_exceptions"])
def test_a_part_that_loops_times_out_itself_and_the_parts_before_it_keep_their_values(zygote, tmp_path, middle):
    path = tmp_path / "learner.py"
    path.write_text(SLOW_SOURCE)
    learner = Learner(path, deadline=time.monotonic() + 2, launcher=zygote)
    start = time.monotonic()
    assert learner.part(three_parts, "first", middle).value == 1
    with pytest.raises(LearnerFailure) as caught:
        learner.part(three_parts, "middle", middle)
    assert caught.value.kind == "timeout" and "used up by this check" in caught.value.message
    with pytest.raises(NotRun):
        learner.part(three_parts, "last", middle)
    assert time.monotonic() - start < 4  # the run came back on its own, within the grade's time


def test_code_that_blocks_the_alarm_is_still_stopped_by_the_process_time_limit(zygote, tmp_path):
    path = tmp_path / "learner.py"
    path.write_text(SLOW_SOURCE)
    learner = Learner(path, deadline=time.monotonic() + 2, launcher=zygote)
    start = time.monotonic()
    with pytest.raises(LearnerFailure) as caught:
        learner.part(three_parts, "first", "spin_ignoring_alarms")  # the whole run is lost: even the first part
    assert caught.value.kind == "timeout"
    with pytest.raises(NotRun):
        learner.part(three_parts, "last", "spin_ignoring_alarms")
    assert time.monotonic() - start < 5
