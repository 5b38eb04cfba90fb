"""The plain-terminal quiz walked as a learner walks it: every question type answered with its documented keys.

The scripted learner reads the screen (what the quiz printed so far) the way a person does, so the
test does not depend on how choices and items were shuffled.
"""

import re

import pytest

from quizprep.bank import load_banks
from quizprep.cli.plainquiz import run_plain_quiz
from quizprep.progress import ProgressStore

from ..bank.helpers import write_bank

BANK = """\
topic: demo
title: Demo
questions:
  - id: q-single
    type: single
    difficulty: 1
    prompt: Pick the right one.
    choices:
      - text: the RIGHT one
        correct: true
      - text: a wrong one
        why: It is wrong.
      - text: another wrong one
        why: Also wrong.
    explanation: Because.
  - id: q-multiple
    type: multiple
    difficulty: 1
    prompt: Pick every right one.
    choices:
      - text: GOOD first
        correct: true
      - text: bad
        why: It is bad.
      - text: GOOD second
        correct: true
    explanation: Both good ones.
  - id: q-tf
    type: true_false
    difficulty: 1
    prompt: Two is smaller than one.
    answer: false
    explanation: It is not.
  - id: q-numeric
    type: numeric
    difficulty: 1
    prompt: What is 0.0066 written again?
    answer: 0.0066
    tolerance: 0.00001
    explanation: It is itself.
  - id: q-short
    type: short
    difficulty: 1
    prompt: Name the activation max(0, x).
    accept: [relu]
    explanation: ReLU.
  - id: q-order
    type: order
    difficulty: 1
    prompt: Put the steps in order.
    items: [step ALPHA, step BRAVO, step CHARLIE]
    explanation: Alphabetical.
  - id: q-explain
    type: explain
    difficulty: 1
    prompt: Explain something.
    model_answer: |
      The model answer.
    key_points:
      - the first point
      - the second point
      - the third point
    explanation: That is it.
"""


class Learner:
    """Answers `input()` from a script; a step may be a function of the screen printed since the last answer."""

    def __init__(self, capsys, steps):
        self.capsys, self.steps, self.screen, self.transcript = capsys, list(steps), "", ""

    def __call__(self, prompt=""):
        seen = self.capsys.readouterr().out + prompt
        self.screen += seen
        self.transcript += seen
        if not self.steps:
            raise EOFError
        step = self.steps.pop(0)
        answer = step(self.screen) if callable(step) else step
        self.screen = ""
        return answer


def numbers_of(*words):
    """The display numbers of the listed lines that contain each word, in the order of the words."""
    def pick(screen):
        listed = dict(re.findall(r"^\s+(\d+)\. (.*)$", screen, re.M)[::-1])  # number -> text, last question's list
        by_text = {text: n for n, text in listed.items()}
        return " ".join(next(n for text, n in by_text.items() if word in text) for word in words)
    return pick


@pytest.fixture
def questions(tmp_path):
    path, _ = write_bank(tmp_path, BANK)
    catalog = load_banks([path])
    assert not catalog.problems
    return list(catalog.questions)


def answers(store):
    return [(r["question_id"], r["correct"], r["given"]) for r in store.db.execute("SELECT * FROM answers ORDER BY id")]


def test_every_type_with_its_keys_plus_undo_and_flag(questions, monkeypatch, capsys):
    steps = [
        numbers_of("RIGHT"),                      # single
        numbers_of("GOOD first", "GOOD second"),  # multiple
        ":f", "u", "the wording is odd",          # flag the true/false question as unclear: `u` here is not undo
        "f",                                      # `f` answers false on a true/false question, it does not flag
        "7",                                      # numeric, wrong on purpose ...
        ":undo",                                  # ... and taken back: asked again
        "6.6e-3",
        "relu",                                   # short
        numbers_of("ALPHA", "BRAVO", "CHARLIE"),  # order
        "my answer, line one", "    indented code line", "",  # explain: the text, an empty line ends it
        "1 2 3",                                  # the key points covered
    ]
    learner = Learner(capsys, steps)
    monkeypatch.setattr("builtins.input", learner)
    with ProgressStore() as store:
        assert run_plain_quiz(questions, seed=3, store=store) == 0
        rows = answers(store)
        flags = [(r["question_id"], r["reason"], r["note"]) for r in store.flags()]
    assert not learner.steps, f"the quiz stopped early; left: {learner.steps}"
    assert [(qid, correct) for qid, correct, _ in rows] == [
        ("q-single", 1), ("q-multiple", 1), ("q-tf", 1), ("q-numeric", 1), ("q-short", 1), ("q-order", 1), ("q-explain", 1)]
    assert "false" in rows[2][2].lower()
    assert "indented code line" in rows[6][2]
    assert flags == [("q-tf", "unclear", "the wording is odd")]
    assert "score: 7/7" in learner.transcript + capsys.readouterr().out


def test_u_and_f_at_answer_prompts_are_never_commands(questions, monkeypatch, capsys):
    tf = next(q for q in questions if q.id == "q-tf")
    short = next(q for q in questions if q.id == "q-short")
    learner = Learner(capsys, ["u", "f", "f"])  # `u` is not an answer to t/f: asked again; a short answer `f` is an answer
    monkeypatch.setattr("builtins.input", learner)
    with ProgressStore() as store:
        run_plain_quiz([tf, short], seed=1, store=store)
        assert [(qid, correct) for qid, correct, _ in answers(store)] == [("q-tf", 1), ("q-short", 0)]
        assert store.flags() == []


def test_flag_reason_is_asked_again_until_it_is_w_or_u(questions, monkeypatch, capsys):
    tf = next(q for q in questions if q.id == "q-tf")
    learner = Learner(capsys, [":flag", "x", "w", "", ":q"])
    monkeypatch.setattr("builtins.input", learner)
    with ProgressStore() as store:
        assert run_plain_quiz([tf], store=store) == 0
        assert [(r["question_id"], r["reason"]) for r in store.flags()] == [("q-tf", "wrong")]
        assert answers(store) == []
    out = capsys.readouterr().out
    assert "score: 0/0 (1 not answered)" in out


def test_undo_takes_back_only_this_sessions_answer(questions, monkeypatch, capsys):
    single = next(q for q in questions if q.id == "q-single")
    tf = next(q for q in questions if q.id == "q-tf")
    with ProgressStore() as store:
        monkeypatch.setattr("builtins.input", Learner(capsys, ["f"]))
        run_plain_quiz([tf], store=store)
        learner = Learner(capsys, [":u", numbers_of("RIGHT"), ":u", ":q"])
        monkeypatch.setattr("builtins.input", learner)
        run_plain_quiz([single], store=store)  # the first :u has nothing of this session's to undo; the second
        assert [qid for qid, _, _ in answers(store)] == ["q-tf"]  # (after the last question) takes back q-single only
    assert "nothing to undo yet" in learner.transcript
    assert "last answer undone" in learner.transcript


def test_the_prompt_line_shows_the_keys_and_the_commands(questions, monkeypatch, capsys):
    learner = Learner(capsys, [])
    monkeypatch.setattr("builtins.input", learner)
    run_plain_quiz([next(q for q in questions if q.id == "q-tf")])
    out = capsys.readouterr().out
    assert "(t or true, f or false · :u undo · :f flag · :q quit)" in learner.transcript + out


def test_the_real_command_with_typed_input(tmp_path, quizprep_home):
    """`quizprep quiz` in a real process, its answers typed on standard input as a learner types them."""
    import json
    import os
    import subprocess
    import sys

    bank = tmp_path / "banks"
    bank.mkdir()
    tf = BANK.split("  - id: q-tf\n", 1)[1].split("  - id:", 1)[0]
    (bank / "demo.yaml").write_text("topic: demo\ntitle: Demo\nquestions:\n  - id: q-tf\n" + tf)
    env = {**os.environ, "QUIZPREP_HOME": str(quizprep_home)}

    def quizprep(*args, stdin=""):
        return subprocess.run([sys.executable, "-m", "quizprep", "--banks", str(bank), *args], input=stdin,
                              capture_output=True, text=True, timeout=60, env=env)

    out = quizprep("quiz", "-t", "demo", stdin=":f\nu\nunclear wording\nf\n\n")
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    assert "✓ right" in out.stdout and "score: 1/1" in out.stdout
    flags = json.loads(quizprep("flags", "--json").stdout)
    assert [(f["question_id"], f["reason"], f["note"]) for f in flags] == [("q-tf", "unclear", "unclear wording")]
