"""The sandbox at the unit level: what `run_learner` makes of each way a learner's call can end.

Two layers are tested apart: how the trusted side reads a zygote's reply (a stand-in launcher hands
it replies built by hand, with wait statuses encoded as POSIX does: exit code << 8, or the signal
number), and what a real zygote and child report for a timeout, a crash, an exit, too much output
or a result too large.
"""

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from quizprep.grading import sandbox, wire
from quizprep.grading.limits import Limits
from quizprep.grading.sandbox import LearnerFailure, LearnerTimeout, NotImplementedYet, ProbeError, run_learner
from quizprep.grading.zygote import Launcher, Reply

ROOT = Path(__file__).resolve().parents[2]


def exited(code: int) -> int:
    """The wait status of a process that exited with `code` (POSIX: the code in the second byte)."""
    return code << 8


class FakeLauncher:
    """Hands back one prepared reply, and keeps the request it was given."""

    def __init__(self, reply: Reply) -> None:
        self.reply, self.requests = reply, []

    def call(self, request, source, probe):
        self.requests.append((request, source, probe))
        return self.reply


def run_with(reply: Reply, limits: Limits = Limits(), timeout: float = 2.0):
    return run_learner(Path("learner.py"), None, timeout=timeout, limits=limits, source=b"x = 1\n", launcher=FakeLauncher(reply))


def ok_payload(value=None, warnings=()) -> bytes:
    return wire.encode({"status": "ok", "value": value, "warnings": list(warnings)})


# -- reading a reply: no real process --------------------------------------------------------


def test_a_complete_reply_gives_its_value_output_and_warnings():
    result = run_with(Reply(status=exited(0), output=b"hello\n", payload=ok_payload([1, 2], ["RuntimeWarning: x"])))
    assert result.value == [1, 2] and result.output == "hello\n" and result.warnings == ["RuntimeWarning: x"]


def test_the_request_carries_the_limits_and_the_source():
    fake = FakeLauncher(Reply(status=exited(0), payload=ok_payload()))
    limits = Limits(memory_mb=123, output_bytes=456, file_mb=7)
    run_learner(Path("learner.py"), None, timeout=3.5, limits=limits, source=b"x = 1\n", launcher=fake)
    request, source, _ = fake.requests[0]
    assert (request["timeout"], request["memory_mb"], request["output_bytes"], request["file_mb"]) == (3.5, 123, 456, 7)
    assert source == b"x = 1\n"


def test_a_negative_time_left_is_sent_as_zero():
    fake = FakeLauncher(Reply(status=exited(0), payload=ok_payload()))
    run_learner(Path("learner.py"), None, timeout=-1.0, source=b"", launcher=fake)
    assert fake.requests[0][0]["timeout"] == 0.0


def test_a_timeout_is_a_learner_timeout_whatever_else_came_back():
    with pytest.raises(LearnerTimeout) as info:
        run_with(Reply(timed_out=True, output=b"working\n", payload=ok_payload(1)), timeout=1.5)
    assert info.value.kind == "timeout" and "(1.5 s)" in info.value.message and info.value.detail == "working\n"


@pytest.mark.parametrize("sig, words", [
    (signal.SIGSEGV, "segmentation fault"), (signal.SIGABRT, "abort"), (signal.SIGBUS, "bus error"),
    (signal.SIGFPE, "floating-point exception"), (signal.SIGILL, "illegal instruction"), (signal.SIGKILL, "killed"),
    (signal.SIGUSR1, "SIGUSR1"),
])
def test_a_crash_names_its_signal(sig, words):
    with pytest.raises(LearnerFailure) as info:
        run_with(Reply(status=int(sig)))
    assert f"crashed the process ({words})" in info.value.message
    assert ("kills processes" in info.value.message) == (sig == signal.SIGKILL)  # the advice fits the signal


def test_running_out_of_cpu_time_is_named_as_such():
    with pytest.raises(LearnerFailure, match="CPU time limit"):
        run_with(Reply(status=int(signal.SIGXCPU)))


@pytest.mark.parametrize("status, code", [(exited(0), "0"), (exited(3), "3"), (None, "unknown")])
def test_an_exit_without_a_result_is_an_error_whatever_its_code(status, code):
    with pytest.raises(LearnerFailure) as info:
        run_with(Reply(status=status))
    assert f"(exit code {code})" in info.value.message and info.value.kind == "error"


def test_a_result_too_large_is_refused_even_with_a_clean_exit():
    with pytest.raises(LearnerFailure, match="too large to check"):
        run_with(Reply(status=exited(0), too_big=True))


def test_dropped_output_and_stray_processes_are_told_in_the_output():
    result = run_with(Reply(status=exited(0), output=b"x" * 10, dropped=4001, swept=2, payload=ok_payload(5)),
                      limits=Limits(output_bytes=10))
    assert result.value == 5
    assert result.output.startswith("x" * 10)
    assert "4001 more bytes of output not shown (your code printed more than 10 bytes)" in result.output
    assert "left 2 process(es) running" in result.output


def test_a_lost_zygote_is_an_exhausting_failure():
    with pytest.raises(LearnerFailure) as info:
        run_with(Reply(lost=True))
    assert info.value.message == sandbox.LOST and info.value.exhausting and "killed" in info.value.stop


def test_a_zygote_that_never_started_is_the_graders_fault_not_the_learners():
    with pytest.raises(ProbeError, match="did not start"):
        run_with(Reply(lost=True, unstarted=True))


@pytest.mark.parametrize("payload", [b"junk", wire.encode([1, 2]), wire.encode({"status": "mine"}), wire.encode({"value": 1})])
def test_an_unreadable_result_is_an_error_not_a_value(payload):
    with pytest.raises(LearnerFailure, match="unreadable result"):
        run_with(Reply(status=exited(0), payload=payload))


def test_a_probe_that_cannot_be_unpacked_is_the_checks_fault():
    with pytest.raises(ProbeError, match="could not be unpacked"):
        run_with(Reply(status=exited(0), payload=wire.encode({"status": "setup", "message": "no module named checks"})))


@pytest.mark.parametrize("raised, cls, words", [
    ({"type": "NotImplementedError"}, NotImplementedYet, "not implemented yet"),
    ({"type": "SystemExit", "code": 4}, LearnerFailure, "sys.exit(4)"),
    ({"type": "MemoryError"}, LearnerFailure, "ran out of memory (the limit is 1024 MB)"),
    ({"type": "EOFError", "traceback": "  line 1, in <module>: input()"}, LearnerFailure, "there is no keyboard"),
    ({"type": "SyntaxError", "message": "invalid syntax (learner.py, line 2)"}, LearnerFailure, "syntax error: invalid syntax"),
    ({"type": "IndentationError", "message": "unexpected indent"}, LearnerFailure, "syntax error: unexpected indent"),
    ({"type": "KeyError", "message": "'w'"}, LearnerFailure, "your code raised KeyError: 'w'"),
    ({"type": "StopIteration", "message": ""}, LearnerFailure, "your code raised StopIteration"),
])
def test_what_the_learners_code_raised_is_named(raised, cls, words):
    with pytest.raises(LearnerFailure) as info:
        run_with(Reply(status=exited(0), payload=wire.encode({"status": "raised", "message": "", "traceback": "", **raised})))
    assert type(info.value) is cls and words in info.value.message


def test_only_running_out_of_memory_stops_the_checks_after_it():
    for kind, exhausting in (("MemoryError", True), ("ValueError", False)):
        with pytest.raises(LearnerFailure) as info:
            run_with(Reply(status=exited(0), payload=wire.encode({"status": "raised", "type": kind, "message": "", "traceback": ""})))
        assert info.value.exhausting is exhausting


def test_a_missing_learner_file_is_the_learners_to_fix(tmp_path):
    with pytest.raises(LearnerFailure, match="cannot be read"):
        sandbox.read_source(tmp_path / "nope.py")


def test_a_learner_file_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "big.py"
    path.write_bytes(b"#" * 101)
    monkeypatch.setattr(sandbox, "MAX_SOURCE_BYTES", 100)
    with pytest.raises(LearnerFailure, match="keep data out of the source"):
        sandbox.read_source(path)
    monkeypatch.setattr(sandbox, "MAX_SOURCE_BYTES", 101)
    assert sandbox.read_source(path) == b"#" * 101


def test_a_probe_that_cannot_be_pickled_is_the_checks_fault():
    lock = threading.Lock()
    with pytest.raises(ProbeError, match="cannot be sent"):
        run_learner(Path("learner.py"), lambda m: lock, timeout=1, source=b"", launcher=FakeLauncher(Reply()))


# -- a real zygote and child -----------------------------------------------------------------


@pytest.fixture(scope="module")
def zygote():
    launcher = Launcher().start()
    yield launcher
    launcher.close()


@pytest.fixture(autouse=True)
def bytecode_is_written(monkeypatch):
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def call(zygote, source: str, fn=None, *, timeout: float = 10.0, limits: Limits = Limits()):
    return run_learner(Path("/nonexistent/learner.py"), fn, timeout=timeout, limits=limits,
                       source=textwrap.dedent(source).encode(), launcher=zygote)


def test_a_real_call_returns_value_output_and_numpy_warnings(zygote):
    source = """
        import numpy as np
        print("hello")
        def f():
            return np.log(np.float64(0.0)), np.exp(np.float64(-1000.0))
    """
    result = call(zygote, source, lambda m: m.f())
    assert result.value[0] == float("-inf") and result.value[1] == 0.0
    assert result.output == "hello\n"
    assert [w for w in result.warnings if "divide by zero" in w] and not [w for w in result.warnings if "underflow" in w]


@pytest.mark.parametrize("source", ["while True:\n    pass\n", "import time\ntime.sleep(60)\n"], ids=["busy", "asleep"])
def test_a_call_that_runs_too_long_is_stopped_at_its_limit(zygote, source):
    start = time.monotonic()
    with pytest.raises(LearnerTimeout):
        call(zygote, source, timeout=0.5)
    assert time.monotonic() - start < 15.0  # the limit plus fork and clean-up on a busy machine, far from the 60 s it asked for
    assert call(zygote, "x = 2\n", lambda m: m.x).value == 2  # and the zygote is still standing


@pytest.mark.parametrize("source, words", [
    ("import ctypes\nctypes.string_at(0)\n", "segmentation fault"),
    ("import os, signal\nos.kill(os.getpid(), signal.SIGABRT)\n", "abort"),
], ids=["segfault", "abort"])
def test_a_crash_is_reported_and_the_zygote_survives_it(zygote, source, words):
    with pytest.raises(LearnerFailure, match=f"crashed the process \\({words}\\)"):
        call(zygote, source)
    assert call(zygote, "x = 3\n", lambda m: m.x).value == 3


def test_os_exit_before_a_result_is_reported_with_its_code(zygote):
    with pytest.raises(LearnerFailure, match=r"ended the process \(exit code 3\)"):
        call(zygote, "import os\nos._exit(3)\n")


def test_os_exit_zero_is_no_result_either(zygote):
    with pytest.raises(LearnerFailure, match=r"exit code 0"):
        call(zygote, "import os\nos._exit(0)\n")


def test_sys_exit_is_named_with_its_code(zygote):
    with pytest.raises(LearnerFailure, match=r"sys\.exit\(4\)"):
        call(zygote, "import sys\nsys.exit(4)\n")


def test_a_raised_error_comes_with_the_learners_own_line(zygote):
    with pytest.raises(LearnerFailure) as info:
        call(zygote, "x = 1\nraise ValueError('bad shape')\n")
    assert info.value.message == "your code raised ValueError: bad shape"
    assert "line 2" in info.value.detail and "raise ValueError" in info.value.detail


def test_the_stub_is_not_implemented_yet(zygote):
    with pytest.raises(NotImplementedYet):
        call(zygote, "def f():\n    raise NotImplementedError\n", lambda m: m.f())


def test_more_output_than_the_cap_is_cut_and_counted(zygote):
    # print adds a newline: 5001 bytes written, 1000 kept, so 4001 dropped
    result = call(zygote, "print('x' * 5000)\n", lambda m: 7, limits=Limits(output_bytes=1000))
    assert result.value == 7
    assert result.output.startswith("x" * 1000) and not result.output.startswith("x" * 1001)
    assert "4001 more bytes of output not shown" in result.output


def test_running_out_of_memory_is_named_and_exhausting(zygote):
    with pytest.raises(LearnerFailure) as info:
        call(zygote, "import numpy as np\nBIG = np.ones(50_000_000)\n", limits=Limits(memory_mb=64))  # 400 MB
    assert "ran out of memory (the limit is 64 MB)" in info.value.message and info.value.exhausting


def test_junk_written_to_the_result_pipe_is_an_unreadable_result(zygote):
    with pytest.raises(LearnerFailure, match="unreadable result"):
        call(zygote, "import os\nos.write(3, b'junk')\nos._exit(0)\n")


def test_a_crafted_result_header_is_an_unreadable_result(zygote):
    source = """
        import os, struct
        head = b'{"t": "dict", "v": [1]}'
        os.write(3, struct.pack("<II", len(head), 0) + head)
        os._exit(0)
    """
    with pytest.raises(LearnerFailure, match="unreadable result"):
        call(zygote, source)


# -- the child's supervisor on its own (a separate interpreter: it reaps every child of its process) --

RUN_CHILD = """
import json, os, socket, sys
import cloudpickle
from quizprep.grading import child, wire
wire.MAX_BYTES = int(sys.argv[1])
ours, theirs = socket.socketpair()
header = {"id": "t", "path": "/nonexistent/learner.py", "module": "learner", "timeout": float(sys.argv[2]),
          "memory_mb": 1024, "output_bytes": 100, "file_mb": 8}
source = b"import numpy as np\\nimport time\\ndef big():\\n    print('y' * 300)\\n    time.sleep(float(%r))\\n    return np.zeros(100_000)\\n"
probe = cloudpickle.dumps((lambda m: m.big(), ()))
reply = child.run_child(ours, header, source % sys.argv[3], probe, None, child.tasks_of(os.getuid()), False)
print(json.dumps({**reply["_head"], "output": len(reply["_blobs"][0]), "payload": len(reply["_blobs"][1])}))
"""


def supervise(max_bytes: int, timeout: float, sleep: float) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", RUN_CHILD, str(max_bytes), str(timeout), str(sleep)],
                         capture_output=True, text=True, timeout=60, env=env, check=True)
    return json.loads(out.stdout.splitlines()[-1])


def test_the_supervisor_stops_reading_a_result_over_the_size_limit():
    head = supervise(max_bytes=10_000, timeout=10, sleep=0)  # 100,000 float64 zeros: 800,000 bytes and more
    assert head["too_big"] and head["payload"] == 0 and not head["timed_out"]


def test_the_supervisor_passes_a_result_within_the_limit_and_caps_output():
    head = supervise(max_bytes=wire.MAX_BYTES, timeout=10, sleep=0)
    assert not head["too_big"] and head["payload"] > 800_000
    assert head["output"] == 100 and head["dropped"] == 201  # 300 y's and a newline, 100 kept
    assert os.WIFEXITED(head["status"]) and os.WEXITSTATUS(head["status"]) == 0


def test_the_supervisor_times_out_and_reaps_the_child():
    start = time.monotonic()
    head = supervise(max_bytes=wire.MAX_BYTES, timeout=0.5, sleep=120)
    assert head["timed_out"] and head["payload"] == 0
    assert os.WIFSIGNALED(head["status"]) and os.WTERMSIG(head["status"]) == signal.SIGKILL
    assert time.monotonic() - start < 25.0  # a fresh interpreter and numpy, then the 0.5 s limit: far from the 120 s sleep
