"""Bad command lines: every one is a single line on standard error and a non-zero exit, never a traceback."""

import pytest

from quizprep.cli import main
from quizprep.editor import EditorProblem, find_editor


def run(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as done:  # argparse stops with SystemExit
        code = done.code
    captured = capsys.readouterr()
    return code, captured.err


@pytest.mark.parametrize("argv, says", [
    (["grade", "relu_grad", "--timeout", "nan"], "takes 0.1 to 600 seconds, not nan"),
    (["grade", "relu_grad", "--timeout", "inf"], "takes 0.1 to 600 seconds, not inf"),
    (["grade", "relu_grad", "--timeout", "1e308"], "takes 0.1 to 600 seconds, not 1e308"),
    (["grade", "relu_grad", "--timeout", "-1"], "takes 0.1 to 600 seconds, not -1"),
    (["grade", "relu_grad", "--timeout", "0"], "takes 0.1 to 600 seconds, not 0"),
    (["grade", "relu_grad", "--timeout", "soon"], "'soon' is not a number of seconds"),
    (["watch", "relu_grad", "--timeout", "nan"], "takes 0.1 to 600 seconds"),
    (["grade", "relu_grad", "--file", "/"], "not a file: /"),
    (["grade"], "the following arguments are required: ID"),
    (["grade", "nosuch"], "unknown exercise `nosuch`"),
    (["quiz", "-n", "0"], "--count/-n: takes a whole number from 1 to 10000, not 0"),
    (["quiz", "-n", "-5"], "takes a whole number from 1 to 10000, not -5"),
    (["quiz", "-n", "99999999999999999999999"], "takes a whole number from 1 to 10000"),
    (["quiz", "--seed", "-1"], "--seed: takes a whole number from 0 to"),
    (["quiz", "--seed", "99999999999999999999999"], "--seed: takes a whole number from 0 to"),
    (["quiz", "--seed", "1.5"], "'1.5' is not a whole number"),
    (["quiz", "-d", "7"], "invalid choice: 7"),
    (["review", "-n", "-1"], "--count/-n: takes a whole number from 1 to 10000, not -1"),
    (["review", "--seed", "-5"], "--seed: takes a whole number from 0 to"),
    (["nosuchverb"], "invalid choice: 'nosuchverb'"),
    (["new", "exercise", "demo_ex", "--dir", "/proc/no/such"], "cannot write /proc/no"),
])
def test_bad_arguments_fail_in_one_line(argv, says, capsys):
    code, err = run(argv, capsys)
    assert code not in (0, None)
    assert says in err, err
    assert len(err.strip().splitlines()) == 1, err


def test_new_into_a_file_is_one_line(tmp_path, capsys):
    target = tmp_path / "a-file"
    target.write_text("")
    code, err = run(["new", "bank", "demo", "--dir", str(target)], capsys)
    assert code == 2 and f"cannot write {target}" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("value, says", [
    ("vi 'x", "$EDITOR is \"vi 'x\", which the shell cannot split"),
    ("no-such-editor-anywhere --wait", "$EDITOR names `no-such-editor-anywhere`, which is not installed"),
])
def test_an_unusable_editor_is_one_line_naming_the_variable(value, says, monkeypatch, capsys):
    monkeypatch.setenv("EDITOR", value)
    monkeypatch.delenv("VISUAL", raising=False)
    code, err = run(["edit", "relu_grad"], capsys)
    assert code == 2 and says in err and "export EDITOR=" in err
    assert len(err.strip().splitlines()) == 1


def test_visual_comes_before_editor(tmp_path):
    for name in ("ed1", "ed2"):
        (tmp_path / name).write_text("#!/bin/sh\n")
        (tmp_path / name).chmod(0o755)
    found = find_editor({"VISUAL": "ed1 -f", "EDITOR": "ed2", "PATH": str(tmp_path)})
    assert found.argv == ("ed1", "-f") and found.source == "$VISUAL" and found.announcement == ""


def test_without_editor_nano_is_preferred_and_said(tmp_path):
    for name in ("nano", "vi"):
        (tmp_path / name).write_text("#!/bin/sh\n")
        (tmp_path / name).chmod(0o755)
    found = find_editor({"PATH": str(tmp_path)})
    assert found.argv == ("nano",) and "opening it in nano ($EDITOR is not set)" in found.announcement
    (tmp_path / "nano").unlink()
    assert find_editor({"PATH": str(tmp_path)}).argv == ("vi",)
    (tmp_path / "vi").unlink()
    with pytest.raises(EditorProblem, match="set EDITOR"):
        find_editor({"PATH": str(tmp_path)})


def test_edit_without_editor_says_which_editor_opens(tmp_path, monkeypatch, capsys, quizprep_home):
    log = tmp_path / "opened"
    (tmp_path / "nano").write_text(f"#!/bin/sh\necho \"$1\" > {log}\n")
    (tmp_path / "nano").chmod(0o755)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert main(["edit", "relu_grad"]) == 0
    assert "opening it in nano" in capsys.readouterr().err
    assert log.read_text().strip() == str(quizprep_home / "workspace" / "relu_grad.py")


def test_edit_without_editor_or_terminal_says_what_to_do(tmp_path, monkeypatch, capsys):
    (tmp_path / "vi").write_text("#!/bin/sh\nsleep 600\n")  # a terminal editor with no terminal would never return
    (tmp_path / "vi").chmod(0o755)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr("sys.stdin", open("/dev/null"))
    code, err = run(["edit", "relu_grad"], capsys)
    assert code == 2 and "$EDITOR is not set and there is no terminal for vi" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("verb", ["path", "grade", "reset", "edit"])
def test_an_unusable_home_is_one_line_for_the_exercise_verbs(verb, tmp_path, monkeypatch, capsys):
    home = tmp_path / "a-file"
    home.write_text("")
    monkeypatch.setenv("QUIZPREP_HOME", str(home))
    monkeypatch.setenv("EDITOR", "true")
    code, err = run([verb, "relu_grad"], capsys)
    assert code == 2 and f"cannot use {home / 'workspace'} for your exercise files" in err
    assert "set QUIZPREP_HOME" in err and len(err.strip().splitlines()) == 1
