"""What the submission corpus cannot express: a pass only from right code, and no learner process left behind.

Hostile learner code here forges reports to the warm grader, saves twice in one second, leaves
daemons, is interrupted with Ctrl-C, looks for the store, and hides aliases in an exercise pack.
"""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

import cloudpickle
import pytest

from quizprep.grading import Limits, find_exercise, grade
from quizprep.grading.exercises import load_all_exercises
from quizprep.grading.mounts import available
from quizprep.grading.sandbox import run_learner
from quizprep.grading.warm_client import WarmGrader

ROOT = Path(__file__).resolve().parents[2]
SUBMISSIONS = Path(__file__).parent / "submissions" / "relu_grad"
RIGHT = (ROOT / "exercises" / "relu_grad" / "solution.py").read_text()
RELU = find_exercise("relu_grad")
# the probes here go to the learner's process by value, as a check's do: importing this module there would read RIGHT,
# which is hidden from learner code
cloudpickle.register_pickle_by_value(sys.modules[__name__])


@pytest.fixture
def token():
    """A process name the hostile code gives itself (children inherit it), so the test can find what it left."""
    return "qp" + os.urandom(5).hex()


def _named(token: str) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/comm") as f:
                    if f.read().strip() != token:
                        continue
                with open(f"/proc/{entry}/stat") as f:
                    if f.read().rsplit(")", 1)[1].split()[0] != "Z":
                        found.add(int(entry))
            except OSError:
                pass
    return found


class Watch:
    """Notes, while a grade runs, every live process carrying the token."""

    def __init__(self, token: str) -> None:
        self.token, self.seen, self._stop = token, set(), threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.seen |= _named(self.token)
            time.sleep(0.01)

    def stop(self) -> set[int]:
        self._stop.set()
        self._thread.join()
        return self.seen


def _assert_all_gone(token: str, seen: set[int], at_least: int) -> None:
    assert len(seen) >= at_least, f"the hostile code started only {sorted(seen)}"
    deadline = time.monotonic() + 1.0  # the kernel finishes an exit a moment after the kill
    while _named(token) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert sorted(_named(token)) == []


NAME_ITSELF = """\
import ctypes, os, time
ctypes.CDLL(None).prctl(15, TOKEN.encode(), 0, 0, 0)  # PR_SET_NAME
"""

DAEMON = NAME_ITSELF + """\
def daemon(seconds=60):
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            time.sleep(seconds)
        os._exit(0)
    time.sleep(0.2)
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


# --- stale bytecode ------------------------------------------------------------------------------------------


def _same_size_wrong_edit(path: Path) -> None:
    """Save a wrong version of the same size with the same modification time (a second save within one second)."""
    before = path.stat()
    wrong = RIGHT.replace("(x > 0)", "(x < 0)")
    assert wrong != RIGHT and len(wrong) == len(RIGHT)
    path.write_text(wrong)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_a_same_size_edit_in_the_same_second_is_graded_as_saved(tmp_path):
    assert "PYTHONDONTWRITEBYTECODE" not in os.environ and not sys.dont_write_bytecode
    path = _write(tmp_path, "relu_grad.py", RIGHT)
    assert grade(RELU, path).status == "pass"
    _same_size_wrong_edit(path)
    assert grade(RELU, path).status == "fail"


def test_the_warm_grader_grades_a_fast_second_save_as_saved(tmp_path):
    path = _write(tmp_path, "relu_grad.py", RIGHT)
    with WarmGrader(RELU) as grader:
        assert grader.grade(path).status == "pass"
        _same_size_wrong_edit(path)
        assert grader.grade(path).status == "fail"


# --- forged reports ------------------------------------------------------------------------------------------


KILL_SUPERVISORS = """\
import os, signal
def ancestors():
    pid = os.getppid()
    while pid > 1:
        yield pid
        try:
            with open(f"/proc/{pid}/stat") as f:
                pid = int(f.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            return
for pid in list(ancestors()):
    if pid == TEST_PID:
        break  # everything between the learner and the test is the grader's
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
"""


FORGE_ONCE = """\
import json, os, stat
FORGED = json.dumps({"exercise": "relu_grad", "status": "pass", "duration_s": 0.1,
                     "checks": [{"name": f"check {i}", "status": "pass", "message": ""} for i in range(9)]}).encode()
for fd in range(4, 256):  # every pipe it holds beyond its own output and result, once: one of them may be the report
    try:
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            os.write(fd, FORGED)
    except OSError:
        pass
"""


def test_forging_a_report_and_killing_the_grader_never_gives_a_pass(tmp_path):
    stub = "def relu_grad(x):\n    raise NotImplementedError\n"
    path = _write(tmp_path, "relu_grad.py", FORGE_ONCE + f"TEST_PID = {os.getpid()}\n" + KILL_SUPERVISORS + stub)
    result = grade(RELU, path)
    assert result.status in ("error", "fail") and result.passed == 0, result


def test_the_warm_grader_takes_no_forged_line_as_a_verdict_and_stays_in_step(tmp_path):
    forged = SUBMISSIONS / "hostile_forged_report.py"
    killer = _write(tmp_path, "killer.py", forged.read_text() + f"\nTEST_PID = {os.getpid()}\n" + KILL_SUPERVISORS)
    with WarmGrader(RELU) as grader:
        for hostile in (forged, killer, forged):
            result = grader.grade(hostile)
            assert result.status != "pass" and result.passed == 0, result
            assert grader.grade(RELU.stub).status == "fail"  # the next reply answers the next request
            assert grader.grade(RELU.solution).status == "pass"


STRAY_SERVER = """\
import json, socket, sys
channel = socket.socket(fileno=0)
lines = channel.makefile("rb")
config = json.loads(lines.readline())
verdict = lambda status: {"exercise": config["exercise"], "status": status, "duration_s": 0.0,
                          "checks": [{"name": "c", "status": status, "message": ""}]}
send = lambda message: channel.sendall(json.dumps(message).encode() + b"\\n")
send({"ready": True})
for line in lines:
    nonce = json.loads(line)["nonce"]
    channel.sendall(b"not json at all\\n")
    send({"result": verdict("pass")})                         # no nonce
    send({"nonce": "0" * 32, "result": verdict("pass")})      # someone else's
    send({"nonce": nonce, "result": verdict("fail")})         # the answer
"""


def test_the_warm_client_takes_only_the_reply_to_its_own_request(tmp_path, monkeypatch):
    server = _write(tmp_path, "server.py", STRAY_SERVER)
    real_popen = subprocess.Popen
    monkeypatch.setattr(subprocess, "Popen", lambda cmd, **kw: real_popen([sys.executable, str(server)], **kw))
    with WarmGrader(RELU) as grader:
        for _ in range(3):
            assert grader.grade(RELU.solution).status == "fail"


def test_the_learner_process_holds_only_its_own_pipes():
    fds = run_learner(RELU.solution, lambda m: sorted(int(fd) for fd in os.listdir("/proc/self/fd")), timeout=10).value
    assert fds[:4] == [0, 1, 2, 3] and len(fds) <= 5  # stdin, output, output, result (and the listing itself)


# --- no process left behind ----------------------------------------------------------------------------------


HOSTILE_PROCESSES = {
    "daemon at import": DAEMON + "daemon()\nfrom numpy import float64\ndef relu_grad(x):\n    return (x > 0).astype(float64)\n",
    "daemon in the call": DAEMON + "def relu_grad(x):\n    daemon()\n    return (x > 0).astype(float)\n",
    "children that ignore SIGTERM": NAME_ITSELF + (
        "import signal\nfor _ in range(5):\n    if os.fork() == 0:\n        signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "        time.sleep(60)\n        os._exit(0)\ntime.sleep(0.2)\n"
        "def relu_grad(x):\n    raise NotImplementedError\n"),
    "a daemon and then a time-out": DAEMON + "daemon()\ndef relu_grad(x):\n    while True:\n        pass\n",
    "a fork bomb held back by the process limit": NAME_ITSELF + (
        "for _ in range(100_000):\n    try:\n        if os.fork() == 0:\n            time.sleep(60)\n            os._exit(0)\n"
        "    except OSError:\n        break\ndef relu_grad(x):\n    raise NotImplementedError\n"),
    "an endless fork bomb": NAME_ITSELF + (
        "def relu_grad(x):\n    while True:\n        try:\n            os.fork()\n        except OSError:\n            time.sleep(0.01)\n"),
}


@pytest.mark.parametrize("kind", HOSTILE_PROCESSES)
def test_no_learner_process_outlives_its_grade(kind, tmp_path, token):
    path = _write(tmp_path, "relu_grad.py", f"TOKEN = {token!r}\n" + HOSTILE_PROCESSES[kind])
    watch = Watch(token)
    result = grade(RELU, path, timeout=3)
    assert result.status in ("pass", "fail", "timeout"), result
    _assert_all_gone(token, watch.stop(), at_least=2)


def test_no_learner_process_outlives_a_warm_grade(tmp_path, token):
    path = _write(tmp_path, "relu_grad.py", f"TOKEN = {token!r}\n" + HOSTILE_PROCESSES["daemon in the call"])
    with WarmGrader(RELU, timeout=3) as grader:
        watch = Watch(token)
        assert grader.grade(path).status == "pass"
        _assert_all_gone(token, watch.stop(), at_least=2)
        start = time.monotonic()
        assert grader.grade(RELU.solution).status == "pass"  # the daemon held pipes: the next grade is not held up
        assert time.monotonic() - start < 5


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_interrupting_quizprep_grade_leaves_no_learner_process(sig, tmp_path, token, quizprep_home):
    path = _write(tmp_path, "relu_grad.py", f"TOKEN = {token!r}\n" + DAEMON + "daemon()\ntime.sleep(60)\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"QUIZPREP_HOME": str(quizprep_home)}
    proc = subprocess.Popen([sys.executable, "-m", "quizprep", "grade", "relu_grad", "--file", str(path), "--no-record"],
                            env=env, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while len(seen := _named(token)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(seen) >= 2, "the learner's code never started"
        os.killpg(proc.pid, sig)  # as the terminal does: to the foreground process group
        proc.wait(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    _assert_all_gone(token, seen, at_least=2)


# --- the store and the learner's surroundings ----------------------------------------------------------------


@pytest.mark.skipif(os.geteuid() != 0 and not available(),
                    reason="needs learner code to run as another user (grading as root) or on a read-only file system")
def test_learner_code_cannot_change_the_store_by_a_guessed_path(tmp_path, quizprep_home):
    store = quizprep_home / "progress.db"
    with sqlite3.connect(store) as db:
        db.execute("CREATE TABLE grades (exercise TEXT, status TEXT)")
        db.execute("INSERT INTO grades VALUES ('relu_grad', 'fail')")
    before = store.read_bytes()
    path = _write(tmp_path, "relu_grad.py", f"""\
        import sqlite3
        import numpy as np
        STORE = {str(store)!r}
        changed = []
        try:
            with open(STORE, "r+b") as f:
                f.write(b"garbage")
            changed.append("overwrote it")
        except OSError:
            pass
        try:
            with sqlite3.connect(STORE) as db:
                db.execute("INSERT INTO grades VALUES ('relu_grad', 'pass')")
            changed.append("inserted a pass")
        except sqlite3.Error:
            pass

        def relu_grad(x):
            if changed:
                raise RuntimeError(", ".join(changed))
            return (x > 0).astype(np.float64)
        """)
    result = grade(RELU, path)
    assert result.status == "pass", result
    assert store.read_bytes() == before


@pytest.mark.skipif(not available(), reason="this kernel does not let learner code have a read-only file system")
def test_learner_code_can_write_only_in_its_own_folder(tmp_path):
    shared = Path(tempfile.mkdtemp(prefix="quizprep-shared-"))  # a folder anyone may write
    shared.chmod(0o777)
    try:
        def attempt(m):
            out = {}
            for where in (str(shared / "leak"), "inside"):
                try:
                    with open(where, "w") as f:
                        f.write("x")
                    out[where] = "written"
                except OSError as err:
                    out[where] = err.strerror
            return out

        got = run_learner(RELU.solution, attempt, timeout=10).value
        assert got == {str(shared / "leak"): "Read-only file system", "inside": "written"}
        assert list(shared.iterdir()) == []
    finally:
        shutil.rmtree(shared, ignore_errors=True)


def test_learner_code_runs_in_a_fresh_empty_folder_that_is_removed_afterwards(tmp_path):
    path = _write(tmp_path, "relu_grad.py", RIGHT)
    first, second = (run_learner(path, lambda m: (os.getcwd(), os.listdir(".")), timeout=10).value for _ in range(2))
    assert first[1] == [] and second[1] == [] and first[0] != second[0]
    assert not os.path.exists(first[0]) and first[0] != os.getcwd()


# --- exercise packs ------------------------------------------------------------------------------------------


def _pack(tmp_path: Path, eid: str = "pack_relu") -> Path:
    folder = tmp_path / "pack" / eid
    folder.mkdir(parents=True)
    shutil.copyfile(ROOT / "exercises" / "relu_grad" / "stub.py", folder / "stub.py")
    shutil.copyfile(ROOT / "exercises" / "relu_grad" / "solution.py", folder / "solution.py")
    shutil.copyfile(ROOT / "exercises" / "relu_grad" / "check_relu_grad.py", folder / f"check_{eid}.py")
    (folder / "exercise.yaml").write_text(f"id: {eid}\ntitle: ReLU again\ntopic: backprop\ndifficulty: 1\nhints: [x > 0]\n")
    return folder.parent


def test_the_warm_grader_grades_a_pack_exercise_with_the_limits_it_was_given(tmp_path):
    exercises, problems = load_all_exercises([_pack(tmp_path)])
    assert problems == ()
    pack = next(e for e in exercises if e.id == "pack_relu")
    with WarmGrader(pack) as grader:
        assert grader.grade(pack.solution).status == "pass"
        assert grader.grade(pack.stub).status == "fail"
    slow = _write(tmp_path, "slow.py", "import time\ntime.sleep(5)\n")
    with WarmGrader(pack, limits=Limits(timeout_s=1.0)) as grader:
        start = time.monotonic()
        result = grader.grade(slow)
        assert result.status == "timeout" and time.monotonic() - start < 4, result
    hungry = _write(tmp_path, "hungry.py", "import numpy as np\nBIG = np.ones(40_000_000)\n")  # 320 MB
    with WarmGrader(pack, limits=Limits(memory_mb=100)) as grader:
        result = grader.grade(hungry)
        assert result.status == "error" and "ran out of memory (the limit is 100 MB)" in result.message, result


REFERENCE_ONLY_CHECK = """\
import numpy as np

from quizprep.grading.api import expect_array

X = np.linspace(-2.0, 2.0, 9)


def call(m):
    return m.relu_grad(X.copy())


def test_matches_reference(learner, reference):
    expect_array(learner.run(call), reference.run(call), name="relu_grad(x)")
"""


def test_a_pack_reference_is_loaded_before_learner_code_can_rewrite_it(tmp_path):
    root = Path(tempfile.mkdtemp(prefix="quizprep-pack-"))  # writable by whoever learner code runs as
    try:
        folder = _pack(root).joinpath("pack_relu")
        (folder / "check_pack_relu.py").write_text(REFERENCE_ONLY_CHECK)  # a verdict that rests on the reference alone
        for p in (root, root / "pack", folder):
            p.chmod(0o777)
        (folder / "solution.py").chmod(0o666)
        pack = next(e for e in load_all_exercises([root / "pack"])[0] if e.id == "pack_relu")
        zeros = "import numpy as np\n\ndef relu_grad(x):\n    return np.zeros_like(x, dtype=np.float64)\n"
        rewrite = f"try:\n    with open({str(pack.solution)!r}, 'w') as f:\n        f.write({zeros!r})\nexcept OSError:\n    pass\n"
        path = _write(tmp_path, "relu_grad.py", rewrite + zeros)
        assert grade(pack, path).status == "fail"
        # where learner code sees a read-only file system the rewrite is refused; elsewhere it lands, after the load
        assert pack.solution.read_text() == (RIGHT if available() else zeros)
    finally:
        shutil.rmtree(root, ignore_errors=True)


LEAKY_CHECK = """\
import numpy as np

X = np.linspace(-2.0, 2.0, 9)


def test_a_careless_probe(learner, reference):
    ref = reference.module
    learner.run(lambda m: ref.relu_grad(X))
"""


def test_a_probe_that_would_carry_the_reference_is_refused(tmp_path):
    folder = _pack(tmp_path).joinpath("pack_relu")
    (folder / "check_pack_relu.py").write_text(LEAKY_CHECK)
    pack = next(e for e in load_all_exercises([folder.parent])[0] if e.id == "pack_relu")
    result = grade(pack, _write(tmp_path, "relu_grad.py", "def relu_grad(x):\n    raise NotImplementedError\n"))
    assert result.status == "error"
    assert "the check itself failed" in result.checks[0].message and "reference solution" in result.checks[0].message


DYING_CHECK = """\
import os
import signal

import numpy as np

from quizprep.grading.api import expect_array


def test_matches_reference(learner, reference):
    if "DIE" in learner.path.read_text():
        os.kill(os.getpid(), signal.SIGKILL)  # the grading process dies before it reports
    x = np.linspace(-2.0, 2.0, 9)
    expect_array(learner.run(lambda m: m.relu_grad(x)), reference.run(lambda m: m.relu_grad(x)), name="relu_grad(x)")
"""


def test_a_grading_process_that_dies_is_an_error_cold_and_warm(tmp_path):
    folder = _pack(tmp_path).joinpath("pack_relu")
    (folder / "check_pack_relu.py").write_text(DYING_CHECK)
    pack = next(e for e in load_all_exercises([folder.parent])[0] if e.id == "pack_relu")
    dying = _write(tmp_path, "relu_grad.py", RIGHT + "# DIE\n")
    result = grade(pack, dying)
    assert result.status == "error" and "the grading process was killed" in result.message, result
    with WarmGrader(pack) as grader:
        assert grader.grade(pack.solution).status == "pass"
        result = grader.grade(dying)
        assert result.status == "error" and "killed before it reported" in result.message, result
        assert grader.grade(pack.solution).status == "pass"  # the server goes on, in step


def test_aliases_in_an_exercise_yaml_are_refused_quickly_with_their_line(tmp_path):
    root = _pack(tmp_path, "bomb")
    levels = ["lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)]
    meta = root / "bomb" / "exercise.yaml"
    meta.write_text(meta.read_text() + "\n".join(levels) + "\n")
    start = time.monotonic()
    exercises, problems = load_all_exercises([root])
    assert time.monotonic() - start < 2
    assert "bomb" not in [e.id for e in exercises]
    assert len(problems) == 1 and problems[0].startswith(f"{meta}:6:7: anchor `&l0`") and "anchors or aliases" in problems[0]



def _fork_until_refused(module):
    import errno

    forked = 0
    while forked < 10_000:
        try:
            pid = os.fork()
        except OSError as err:
            return forked, errno.errorcode.get(err.errno, str(err.errno))
        if pid == 0:
            time.sleep(30)
            os._exit(0)
        forked += 1
    return forked, None


def test_a_fork_bomb_is_stopped_by_the_process_limit():
    from quizprep.grading.child import NPROC_HEADROOM

    forked, refused = run_learner(RELU.solution, _fork_until_refused, timeout=20).value
    # the limit counts the user's other processes too, and those of other grades may come and go meanwhile
    assert refused == "EAGAIN" and forked < 4 * NPROC_HEADROOM
