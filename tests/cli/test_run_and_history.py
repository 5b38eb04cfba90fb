"""`quizprep run` (a file's __main__ block in the grader's sandbox) and `quizprep history` (every graded version)."""

import json
import textwrap
from pathlib import Path

from quizprep.cli import main
from quizprep.progress import ProgressStore

ROOT = Path(__file__).resolve().parents[2]
RELU = ROOT / "exercises" / "relu_grad"
MAIN = 'if __name__ == "__main__":'


def finished_relu(tmp_path: Path) -> Path:
    """The reference followed by the stub's own __main__ block."""
    stub = (RELU / "stub.py").read_text()
    path = tmp_path / "relu_grad.py"
    path.write_text((RELU / "solution.py").read_text() + "\n\n" + stub[stub.index(MAIN):])
    return path


def test_run_prints_the_stub_shapes_line_for_a_reference_and_exits_0(tmp_path, capsys):
    assert main(["run", "relu_grad", "--file", str(finished_relu(tmp_path))]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "x: (2, 3) relu(x): (2, 3) relu_grad(x): (2, 3) float64" in out
    assert out[-1].startswith("ok — ran to the end in ")


def test_run_of_the_workspace_stub_names_the_line_that_raises(quizprep_home, capsys):
    assert main(["run", "relu_grad"]) == 1
    out = capsys.readouterr().out
    stub = (quizprep_home / "workspace" / "relu_grad.py").read_text().splitlines()
    line = int(out.split("error at line ")[1].split()[0])
    assert "raise NotImplementedError" in stub[line - 1]
    assert "not implemented yet" in out.replace("\n", " ")


def test_run_of_an_error_shows_the_output_before_it_and_the_learners_line(tmp_path, capsys):
    path = tmp_path / "relu_grad.py"
    path.write_text(textwrap.dedent("""\
        print("first")
        values = {}
        print(values["missing"])
        """))
    assert main(["run", "relu_grad", "--file", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("first\n")
    assert f"error at line 3 of {path.resolve()}: your code raised KeyError" in out.replace("\n", " ")


def test_run_times_out_with_exit_1(tmp_path, capsys):
    path = tmp_path / "loop.py"
    path.write_text("while True:\n    pass\n")
    assert main(["run", "relu_grad", "--file", str(path), "--timeout", "0.5"]) == 1
    assert capsys.readouterr().out.startswith("timeout: your code did not finish within the time limit (0.5 s)")


def test_run_keeps_the_last_lines_and_says_how_many_were_cut(tmp_path, capsys):
    path = tmp_path / "chatty.py"
    path.write_text("for i in range(500):\n    print('row', i)\n")
    assert main(["run", "relu_grad", "--file", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "… 300 earlier line(s) of output not shown"
    assert out[1] == "row 300" and out[-2] == "row 499"


def test_run_records_nothing(quizprep_home, tmp_path, capsys):
    assert main(["run", "relu_grad", "--file", str(finished_relu(tmp_path))]) == 0
    with ProgressStore() as store:
        assert store.last_grades() == {} and store.db.execute("SELECT COUNT(*) FROM versions").fetchone()[0] == 0


def test_run_of_a_missing_file_is_a_usage_error(tmp_path, capsys):
    assert main(["run", "relu_grad", "--file", str(tmp_path / "nope.py")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_history_keeps_each_graded_version_skips_an_identical_one_and_shows_one(quizprep_home, capsys):
    assert main(["history", "relu_grad"]) == 0
    assert "no graded versions of relu_grad yet" in capsys.readouterr().out
    assert main(["path", "relu_grad"]) == 0
    copy = Path(capsys.readouterr().out.strip())
    assert main(["grade", "relu_grad"]) == 1  # the stub
    copy.write_text((RELU / "solution.py").read_text())
    assert main(["grade", "relu_grad"]) == 0
    assert main(["grade", "relu_grad"]) == 0  # unchanged: graded and recorded, but no new version
    assert main(["grade", "relu_grad", "--no-record"]) == 0
    capsys.readouterr()
    assert main(["history", "relu_grad"]) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()[1:3]]
    size = len((RELU / "solution.py").read_bytes())
    assert [r[0] for r in rows] == ["1", "2"]
    assert rows[0][3] == "fail" and rows[1][3] == "pass" and rows[1][4].endswith("/" + rows[1][4].split("/")[0])
    assert f"{size} B," in " ".join(rows[1]) or f"{size / 1024:.1f} kB," in " ".join(rows[1])
    assert main(["history", "relu_grad", "--show", "2"]) == 0
    assert capsys.readouterr().out == (RELU / "solution.py").read_text()
    assert main(["history", "relu_grad", "--show", "1"]) == 0
    assert capsys.readouterr().out == (RELU / "stub.py").read_text()
    assert main(["history", "relu_grad", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(v["number"], v["status"], v["size"]) for v in listed] == [(1, "fail", len((RELU / "stub.py").read_bytes())),
                                                                        (2, "pass", size)]
    assert "source" not in listed[0]
    assert main(["history", "relu_grad", "--show", "3"]) == 2
    assert "no version 3 of relu_grad: there are 2 (1–2)" in capsys.readouterr().err
    with ProgressStore() as store:
        assert store.db.execute("SELECT COUNT(*) FROM grades").fetchone()[0] == 3


def test_a_grade_records_the_version_it_graded(quizprep_home, tmp_path, capsys):
    path = finished_relu(tmp_path)
    assert main(["grade", "relu_grad", "--file", str(path)]) == 0
    capsys.readouterr()
    assert main(["history", "relu_grad", "--show", "1", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["source"] == path.read_text() and shown["status"] == "pass" and shown["passed"] == shown["total"] > 0
