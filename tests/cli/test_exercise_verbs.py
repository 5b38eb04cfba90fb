"""The exercise verbs of the command line, as a learner uses them."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from quizprep.cli import main

ROOT = Path(__file__).resolve().parents[2]
SUBMISSIONS = ROOT / "tests" / "grading" / "submissions" / "relu_grad"


@pytest.fixture(autouse=True)
def bytecode_is_written(monkeypatch):
    """Grade as on a learner's machine, where bytecode caches are written and a stale one would show."""
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def test_grade_json_schema_and_exit_codes(capsys):
    assert main(["grade", "relu_grad", "--json", "--file", str(ROOT / "exercises" / "relu_grad" / "solution.py")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"exercise", "status", "checks", "duration_s"}
    assert data["exercise"] == "relu_grad" and data["status"] == "pass"
    assert all(set(c) >= {"name", "status", "message"} and c["status"] == "pass" for c in data["checks"])
    assert main(["grade", "relu_grad", "--json", "--file", str(SUBMISSIONS / "wrong_ge_zero.py")]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "fail"
    failing = [c for c in data["checks"] if c["status"] == "fail"]
    assert [c["name"] for c in failing] == ["zero and signs"]


def test_plain_grade_shows_marks_and_first_diagnosis(capsys):
    assert main(["grade", "relu_grad", "--file", str(SUBMISSIONS / "wrong_in_place.py")]) == 1
    out = capsys.readouterr().out
    assert "  ✗ input not modified\n" in out and "  ✓ zero and signs\n" in out
    assert "first problem — input not modified:\n  your function modified its input `x` in place" in out


@pytest.mark.parametrize("argv, message", [
    (["grade", "nosuch"], "unknown exercise `nosuch` — choose from relu_grad,"),
    (["grade", "relu_grad", "--file", "/no/such/file.py"], "no such file: /no/such/file.py"),
    (["hint", "nosuch"], "unknown exercise `nosuch`"),
])
def test_usage_errors_exit_2_with_one_line(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_workspace_is_created_from_the_stub_and_reset_keeps_a_backup(quizprep_home, capsys):
    assert main(["path", "relu_grad"]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path == quizprep_home / "workspace" / "relu_grad.py"
    stub = (ROOT / "exercises" / "relu_grad" / "stub.py").read_text()
    assert path.read_text() == stub
    path.write_text("my work in progress\n")
    assert main(["reset", "relu_grad"]) == 0
    assert path.read_text() == stub
    backups = list((quizprep_home / "workspace" / "backups").glob("relu_grad-*.py"))
    assert [b.read_text() for b in backups] == ["my work in progress\n"]
    assert str(backups[0]) in capsys.readouterr().out


def test_hints_come_one_at_a_time_and_grades_show_in_list(capsys):
    main(["hint", "relu_grad"])
    first = capsys.readouterr().out
    main(["hint", "relu_grad"])
    second = capsys.readouterr().out
    assert first.count("hint ") == 1 and second.count("hint ") == 2 and second.startswith(first.strip())
    main(["list"])
    assert re.search(r"relu_grad +not started ", capsys.readouterr().out)
    main(["grade", "relu_grad", "--file", str(SUBMISSIONS / "wrong_ge_zero.py")])
    main(["list"])
    assert re.search(r"relu_grad +failing ", capsys.readouterr().out)


def test_solution_is_hidden_until_passed_or_given_up(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", open("/dev/null"))
    assert main(["solution", "relu_grad"]) == 1
    assert "def relu_grad" not in capsys.readouterr().out
    assert main(["solution", "relu_grad", "--give-up"]) == 0
    assert "def relu_grad" in capsys.readouterr().out
    assert main(["solution", "relu_grad"]) == 0  # the give-up is recorded


def test_edit_runs_the_editor_on_the_workspace_file(quizprep_home, monkeypatch, tmp_path):
    log = tmp_path / "opened"
    editor = tmp_path / "fake-editor"
    editor.write_text(f"#!/bin/sh\necho \"$1\" > {log}\n")
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.delenv("VISUAL", raising=False)
    assert main(["edit", "relu_grad"]) == 0
    assert log.read_text().strip() == str(quizprep_home / "workspace" / "relu_grad.py")


def test_watch_regrades_on_save_and_quits(quizprep_home):
    script = (
        "import sys, time, threading\n"
        "from pathlib import Path\n"
        "from quizprep.cli import main\n"
        f"path = Path({str(quizprep_home)!r}) / 'workspace' / 'relu_grad.py'\n"
        "path.parent.mkdir(parents=True)\n"
        f"path.write_text(Path({str(SUBMISSIONS / 'wrong_ge_zero.py')!r}).read_text())\n"
        "def graded(n):\n"  # the learner waits for the result on screen; here: for the grade in the store
        "    from quizprep.progress import ProgressStore\n"
        "    deadline = time.monotonic() + 40\n"
        "    while time.monotonic() < deadline:\n"
        "        with ProgressStore() as store:\n"
        "            if store.db.execute(\"SELECT COUNT(*) FROM grades WHERE exercise_id = 'relu_grad'\").fetchone()[0] >= n:\n"
        "                return\n"
        "        time.sleep(0.2)\n"
        "def edit():\n"
        "    graded(1)\n"
        "    time.sleep(0.2)\n"
        f"    path.write_text(Path({str(ROOT / 'exercises' / 'relu_grad' / 'solution.py')!r}).read_text())\n"
        "    graded(2)\n"
        "    time.sleep(1.0)\n"
        "    sys.stdout.flush(); import os; os._exit(0)\n"
        "threading.Thread(target=edit, daemon=True).start()\n"
        "main(['watch', 'relu_grad'])\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                         env={**__import__("os").environ, "QUIZPREP_HOME": str(quizprep_home)}, stdin=subprocess.DEVNULL)
    assert out.stdout.count("checking…") >= 2
    assert "not yet" in out.stdout and "all checks pass — press n" in out.stdout


def test_explain_shows_the_derivation_only_when_asked_and_says_so_when_there_is_none(quizprep_home, tmp_path, capsys):
    import sqlite3

    from quizprep.scaffold import EXERCISE_DERIVATION, new_exercise

    pack = tmp_path / "pack"
    new_exercise("mse_grad", pack)
    (new_exercise("plain_one", pack) / "derivation.md").unlink()
    assert main(["--exercises", str(pack), "path", "mse_grad"]) == 0
    workspace_copy = Path(capsys.readouterr().out.strip()).read_text()
    assert "2 * (pred_k - target_k)" not in workspace_copy and "1/N" not in workspace_copy  # the stub keeps it back

    assert main(["--exercises", str(pack), "explain", "mse_grad"]) == 0
    assert capsys.readouterr().out == EXERCISE_DERIVATION  # piped: the Markdown as written
    db = sqlite3.connect(quizprep_home / "progress.db")
    assert db.execute("SELECT COUNT(*) FROM events WHERE kind = 'derivation' AND ref = 'mse_grad'").fetchone() == (1,)
    db.close()

    assert main(["--exercises", str(pack), "explain", "plain_one"]) == 0
    assert capsys.readouterr().out.strip() == "plain_one has no derivation — `quizprep hint plain_one` gives the next hint"
    assert main(["explain", "nosuch"]) == 2
    assert "unknown exercise `nosuch`" in capsys.readouterr().err
