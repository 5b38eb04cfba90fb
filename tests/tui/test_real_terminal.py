"""The real `quizprep` in a real terminal (tmux): start it, answer one question, quit, and find
the answer in `quizprep stats --json`; open relu_grad's workbench, type the solution, save, read the
pass, and find the passing grade in `quizprep export`."""

import json
import re
import shutil
import subprocess
import sys
import time
import uuid

import pytest

TMUX = shutil.which("tmux")


def screen(session: str) -> str:
    return subprocess.run(["tmux", "capture-pane", "-t", session, "-p"], capture_output=True, text=True).stdout


def wait_for(session: str, predicate, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = screen(session)
        if predicate(text):
            return text
        time.sleep(0.2)
    raise AssertionError(f"the screen never showed what was expected:\n{screen(session)}")


def keys(session: str, *names: str) -> None:
    for name in names:
        subprocess.run(["tmux", "send-keys", "-t", session, name], check=True)
        time.sleep(0.3)


@pytest.mark.skipif(TMUX is None, reason="needs tmux (CI installs it; `apt-get install tmux` to run this locally)")
def test_answer_one_question_in_a_real_terminal(quizprep_home):
    session = f"quizprep-test-{uuid.uuid4().hex[:8]}"
    command = f"env QUIZPREP_HOME={quizprep_home} TERM=xterm-256color {sys.executable} -m quizprep"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "80", "-y", "24", command], check=True)
    try:
        wait_for(session, lambda s: "Review" in s and "Due for review" in s)
        keys(session, "r")
        meta = wait_for(session, lambda s: "1/" in s and "difficulty" in s)
        keys(session, "1", "Enter")  # answers single, multiple, numeric, short, order and true/false questions
        if "· explain ·" in meta:  # an explain question: compare, then score it
            keys(session, "C-s", "Enter")
        wait_for(session, lambda s: "enter: next" in s and ("Right" in s or "Not quite" in s))
        keys(session, "Escape")
        wait_for(session, lambda s: "right" in s and "By topic" in s)  # the session summary
        keys(session, "C-q")
        deadline = time.monotonic() + 10
        while subprocess.run(["tmux", "has-session", "-t", session], capture_output=True).returncode == 0:
            assert time.monotonic() < deadline, "quizprep did not quit"
            time.sleep(0.2)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    out = subprocess.run([sys.executable, "-m", "quizprep", "stats", "--json"], capture_output=True, text=True,
                         env={**__import__("os").environ, "QUIZPREP_HOME": str(quizprep_home)}, check=True)
    stats = json.loads(out.stdout)
    assert stats["answers_total"] == 1
    assert sum(t["answers"] for t in stats["topics"]) == 1


def quit_app(session: str) -> None:
    keys(session, "C-q")
    deadline = time.monotonic() + 10
    while subprocess.run(["tmux", "has-session", "-t", session], capture_output=True).returncode == 0:
        assert time.monotonic() < deadline, "quizprep did not quit"
        time.sleep(0.2)


@pytest.mark.skipif(TMUX is None, reason="needs tmux (CI installs it; `apt-get install tmux` to run this locally)")
def test_write_and_grade_relu_grad_in_the_workbench_of_a_real_terminal(quizprep_home):
    from pathlib import Path

    stub = (Path(__file__).resolve().parents[2] / "exercises" / "relu_grad" / "stub.py").read_text().splitlines()
    row = stub.index("    raise NotImplementedError")  # the line to write the solution on, counted from the stub itself
    session = f"quizprep-test-{uuid.uuid4().hex[:8]}"
    command = f"env QUIZPREP_HOME={quizprep_home} TERM=xterm-256color {sys.executable} -m quizprep"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "80", "-y", "24", command], check=True)
    try:
        wait_for(session, lambda s: "Review" in s and "Due for review" in s)
        keys(session, "e")
        wait_for(session, lambda s: "relu_grad" in s and "not started" in s)
        keys(session, "Enter")  # the first exercise, relu_grad
        wait_for(session, lambda s: "relu_grad.py" in s and "instructions" in s and "ctrl+s Grade" in s)
        time.sleep(0.5)  # the editor has the focus
        for name in [*["Down"] * row, "End", "S-Home"]:
            subprocess.run(["tmux", "send-keys", "-t", session, name], check=True)
            time.sleep(0.05)
        subprocess.run(["tmux", "send-keys", "-t", session, "-l", "return (x > 0).astype(np.float64)"], check=True)
        wait_for(session, lambda s: "● unsaved" in s and re.search(rf"\b{row + 1} +return \(x > 0\)\.astype\(np\.float64\)", s))
        keys(session, "C-s")
        text = wait_for(session, lambda s: "all checks pass" in s, timeout=60)
        assert "10/10 checks" in text and "✗" not in text  # the grade panel: every check passed
        quit_app(session)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    out = subprocess.run([sys.executable, "-m", "quizprep", "export"], capture_output=True, text=True,
                         env={**__import__("os").environ, "QUIZPREP_HOME": str(quizprep_home)}, check=True)
    exported = json.loads(out.stdout)
    grades = [(g["exercise_id"], g["status"], g["passed"], g["total"]) for g in exported["grades"]]
    assert grades == [("relu_grad", "pass", 10, 10)]
    [version] = exported["versions"]
    assert version["status"] == "pass" and "    return (x > 0).astype(np.float64)\n" in version["source"]
