"""`run_main`: the learner's file run as a script in the grader's sandbox — output, the learner's line, time-outs, no
process left behind, and no way into the progress store."""

import os
import re
import sqlite3
import textwrap
import time
from pathlib import Path

import pytest

from quizprep.grading import Limits, find_exercise
from quizprep.grading.run import RunResult, learner_line, run_main
from quizprep.services import Services

from .test_trust import DAEMON, NAME_ITSELF, Watch, _assert_all_gone, _write

ROOT = Path(__file__).resolve().parents[2]
MAIN = 'if __name__ == "__main__":'


def reference_with_stub_main(exercise_id: str, tmp_path: Path) -> Path:
    """The reference solution followed by the stub's own `__main__` block, as a learner's finished file ends."""
    exercise = find_exercise(exercise_id)
    stub = exercise.stub.read_text()
    path = tmp_path / f"{exercise_id}.py"
    path.write_text(exercise.solution.read_text() + "\n\n" + stub[stub.index(MAIN):])
    return path


@pytest.fixture
def token():
    return "qp" + os.urandom(5).hex()


def test_a_reference_prints_the_stub_shapes_line(tmp_path):
    result = run_main(find_exercise("linear"), reference_with_stub_main("linear", tmp_path))
    assert isinstance(result, RunResult) and result.status == "ok", result
    # a Linear(4, 3) on a (5, 4) batch: shapes follow from the contract, not from running anything
    assert "W: (4, 3) b: (3,)" in result.output
    assert "out: (5, 3) dW: (4, 3) db: (3,) dL/dx: (5, 4)" in result.output
    assert result.line is None and result.message == "" and result.seconds > 0


def test_relu_grad_reference_prints_its_shapes_and_float64(tmp_path):
    result = run_main(find_exercise("relu_grad"), reference_with_stub_main("relu_grad", tmp_path))
    assert result.ok, result
    assert "relu_grad(x): (2, 3) float64" in result.output


def test_the_main_block_does_not_run_while_grading_but_does_here(tmp_path):
    path = _write(tmp_path, "relu_grad.py", "print('imported as', __name__)\n")
    assert run_main(find_exercise("relu_grad"), path).output.strip() == "imported as __main__"


def test_an_error_names_the_learners_line_and_keeps_what_was_printed(tmp_path):
    path = _write(tmp_path, "relu_grad.py", """\
        import numpy as np

        def relu_grad(x):
            return x.reshape(7)

        if __name__ == "__main__":
            print("before")
            relu_grad(np.zeros((2, 3)))
        """)
    result = run_main(find_exercise("relu_grad"), path)
    assert result.status == "error"
    assert result.line == 4  # the deepest frame in the learner's file: the reshape, not the call on line 8
    assert "ValueError" in result.message and "line 8" in result.detail
    assert result.output.strip() == "before"


def test_the_stub_reports_not_implemented_at_its_raise(tmp_path):
    exercise = find_exercise("relu_grad")
    lines = exercise.stub.read_text().splitlines()
    raises = [i for i, line in enumerate(lines, 1) if "raise NotImplementedError" in line]
    result = run_main(exercise, exercise.stub)
    assert result.status == "error" and "not implemented yet" in result.message
    assert result.line in raises


def test_a_syntax_error_names_its_line(tmp_path):
    path = _write(tmp_path, "relu_grad.py", "x = 1\ny = 2\ndef f(:\n    pass\n")
    result = run_main(find_exercise("relu_grad"), path)
    assert result.status == "error" and "syntax error" in result.message and result.line == 3


def test_sys_exit_zero_is_a_run_to_the_end(tmp_path):
    path = _write(tmp_path, "relu_grad.py", "import sys\nprint('done')\nsys.exit(0)\n")
    result = run_main(find_exercise("relu_grad"), path)
    assert result.ok and result.output.strip() == "done"
    failing = _write(tmp_path, "failing.py", "import sys\nsys.exit(3)\n")
    assert run_main(find_exercise("relu_grad"), failing).status == "error"


def test_an_infinite_loop_times_out_and_leaves_no_process(tmp_path, token):
    path = _write(tmp_path, "relu_grad.py", f"TOKEN = {token!r}\n" + DAEMON + textwrap.dedent("""\
        daemon()
        print("looping", flush=True)
        while True:
            pass
        """))
    watch = Watch(token)
    start = time.monotonic()
    result = run_main(find_exercise("relu_grad"), path, Limits(timeout_s=1.5))
    assert time.monotonic() - start < 1.5 + 5
    assert result.status == "timeout" and "time limit (1.5 s)" in result.message
    assert "looping" in result.output
    _assert_all_gone(token, watch.stop(), at_least=2)


def test_children_that_outlive_the_script_are_stopped(tmp_path, token):
    path = _write(tmp_path, "relu_grad.py", f"TOKEN = {token!r}\n" + NAME_ITSELF + textwrap.dedent("""\
        for _ in range(3):
            if os.fork() == 0:
                time.sleep(60)
                os._exit(0)
        time.sleep(0.2)
        print("parent done")
        """))
    watch = Watch(token)
    result = run_main(find_exercise("relu_grad"), path)
    assert result.ok and "parent done" in result.output
    assert re.search(r"left [123] process\(es\) running after it returned; they were stopped", result.output)
    _assert_all_gone(token, watch.stop(), at_least=2)


def test_output_is_bounded_by_the_graders_limit(tmp_path):
    path = _write(tmp_path, "relu_grad.py", "for i in range(100000):\n    print('line', i)\n")
    result = run_main(find_exercise("relu_grad"), path, Limits(output_bytes=4096))
    assert result.ok
    assert len(result.output) < 4096 + 200 and "more bytes of output not shown" in result.output


def test_the_script_cannot_write_the_progress_store(tmp_path, quizprep_home):
    services = Services()
    services.store.record_event("hint", "relu_grad", "1")  # a real store with a row in it
    store = quizprep_home / "progress.db"
    before = store.read_bytes()
    path = _write(tmp_path, "relu_grad.py", f"""\
        import sqlite3
        STORE = {str(store)!r}
        try:
            with sqlite3.connect(STORE) as db:
                db.execute("INSERT INTO grades (uid, exercise_id, status, passed, total, graded_at) "
                           "VALUES ('x', 'relu_grad', 'pass', 9, 9, '2026-01-01T00:00:00+00:00')")
            print("wrote the store")
        except sqlite3.Error as err:
            print("refused:", err)
        """)
    result = services.run_exercise("relu_grad", path)
    assert result.ok, result
    if "wrote the store" in result.output:  # where the kernel gives no read-only file system: it must be detected
        assert "changed by a program other than quizprep" in result.warning
    else:
        assert "refused" in result.output and result.warning == ""
        assert store.read_bytes() == before
    assert not services.store.ever_passed("relu_grad")
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT COUNT(*) FROM grades").fetchone()[0] == 0 or result.warning
    services.close()


def test_services_run_the_workspace_copy_by_default(quizprep_home):
    services = Services()
    result = services.run_exercise("relu_grad")  # the stub, copied into the workspace on first use
    assert result.status == "error" and "not implemented yet" in result.message
    assert (quizprep_home / "workspace" / "relu_grad.py").exists()
    assert services.store.last_grades() == {}  # a run is never a grade


def test_learner_line_takes_the_deepest_frame_of_the_learners_file():
    detail = "  line 12, in <module>: f()\n  line 3, in f: raise ValueError\nValueError"
    assert learner_line(detail) == 3
    assert learner_line("ValueError: no frames") is None


def test_input_is_an_error_that_says_there_is_no_keyboard(tmp_path):
    path = _write(tmp_path, "relu_grad.py", "name = input('name? ')\n")
    result = run_main(find_exercise("relu_grad"), path)
    assert result.status == "error" and "input()" in result.message and "no keyboard in the sandbox" in result.message
    assert result.line == 1


def test_a_store_write_during_a_run_is_detected_where_the_kernel_lets_it_through(quizprep_home, monkeypatch):
    """Without a read-only file system (another kernel), learner code could write the store: the run says so."""
    import quizprep.grading.run as run_module

    services = Services()
    services.store.record_event("hint", "relu_grad", "1")

    def unprotected_run(exercise, path, limits, *, timeout=None):
        with sqlite3.connect(quizprep_home / "progress.db") as db:
            db.execute("DELETE FROM events")
        return RunResult("ok", "", seconds=0.1)

    monkeypatch.setattr(run_module, "run_main", unprotected_run)
    result = services.run_exercise("relu_grad")
    assert result.ok and "changed by a program other than quizprep" in result.warning
    monkeypatch.setattr(run_module, "run_main", lambda *a, **k: RunResult("ok", "", seconds=0.1))
    assert services.run_exercise("relu_grad").warning == ""  # already said; nothing new changed since
    services.close()
