"""The command line: exit codes and what it prints, driven as a user would."""

import subprocess
import sys

from quizprep.cli import main

from ..bank.helpers import VALID_QUESTION, bank_text, write_bank


def run(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "quizprep", *args], input=stdin, capture_output=True, text=True, timeout=60)


def test_validate_reports_each_problem_with_file_line_and_exit_1(tmp_path):
    bad, _ = write_bank(tmp_path, bank_text(VALID_QUESTION.format(id="ok"), "  - id: broken\n    type: essay\n"), name="demo.yaml")
    out = run("validate", str(bad))
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert lines[:-1] == [
        f"{bad}:16:5: question `broken` has no `difficulty` — add `difficulty: 1`, `2` or `3`",
        f"{bad}:16:5: question `broken` has no `prompt` — add `prompt:`",
        f"{bad}:16:5: question `broken` has no `explanation` — add `explanation:`",
        f"{bad}:17:11: unknown type `essay` — use one of single, multiple, true_false, numeric, short, order, explain",
    ]
    assert lines[-1] == "4 problem(s) in 1 file(s); 1 valid question(s) in 1 bank(s)"
    assert "Traceback" not in out.stderr


def test_validate_clean_folder_exits_0(tmp_path):
    write_bank(tmp_path, bank_text(VALID_QUESTION.format(id="ok")))
    out = run("validate", str(tmp_path))
    assert out.returncode == 0 and out.stdout.strip() == "ok: 1 question(s) in 1 bank file(s), no problems"


def test_validate_missing_path(tmp_path):
    out = run("validate", str(tmp_path / "nope.yaml"))
    assert out.returncode == 1 and "no such file or folder" in out.stdout


def test_plain_quiz_answers_and_scores(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("quizprep.paths.bank_paths", lambda extra=(): [tmp_path])
    write_bank(tmp_path, bank_text("  - id: tf\n    type: true_false\n    difficulty: 1\n    prompt: Is 2 > 1?\n    answer: true\n    explanation: It is.\n"))
    answers = iter(["maybe", "t", ""])  # the empty line at the end of the quiz shows the score
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert main(["quiz", "-n", "1"]) == 0
    out = capsys.readouterr().out
    assert "✓ right" in out and "score: 1/1" in out


def test_quiz_unknown_topic_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("quizprep.paths.bank_paths", lambda extra=(): [tmp_path])
    write_bank(tmp_path, bank_text(VALID_QUESTION.format(id="ok")))
    assert main(["quiz", "-t", "nosuch"]) == 2
    assert "unknown topic nosuch — choose from demo" in capsys.readouterr().err


def test_no_verb_prints_help_and_bank_summary():
    out = run()
    assert out.returncode == 0
    assert "usage: quizprep" in out.stdout and "questions in" in out.stdout


def test_the_cli_knows_every_question_type():
    from quizprep.bank import QUESTION_TYPES
    from quizprep.cli import TYPE_SHORT

    assert tuple(TYPE_SHORT) == QUESTION_TYPES


def test_grading_from_the_cli_loads_no_bank_code():
    code = "import sys; from quizprep.cli import build_parser; build_parser(); print('quizprep.bank' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
