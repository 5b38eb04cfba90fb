"""`quizprep check QUESTION_ID ANSWER`: an answer to any question checked as the plain quiz reads it, with
choices and items numbered as the bank lists them, and nothing recorded."""

import json

import pytest

from quizprep.bank import REGISTRY
from quizprep.bank.typed import READ_TYPED
from quizprep.cli import main
from quizprep.progress import ProgressStore

from ..bank.helpers import write_bank

BANK = """\
topic: checkdemo
title: Check demo
questions:
  - id: ck-single
    type: single
    difficulty: 1
    prompt: Pick.
    choices:
      - text: wrong one
        why: It is the wrong one.
      - text: right one
        correct: true
      - text: another wrong one
        why: Also wrong.
    explanation: e
  - id: ck-multiple
    type: multiple
    difficulty: 1
    prompt: Pick all.
    choices:
      - text: good A
        correct: true
      - text: bad
        why: Bad.
      - text: good B
        correct: true
    explanation: e
  - id: ck-tf
    type: true_false
    difficulty: 1
    prompt: Two is smaller than one.
    answer: false
    explanation: e
  - id: ck-numeric
    type: numeric
    difficulty: 1
    prompt: A number.
    answer: 0.0066
    rel_tolerance: 0.01
    explanation: e
  - id: ck-short
    type: short
    difficulty: 1
    prompt: Name it.
    accept: [relu, "/rectified linear( unit)?/"]
    explanation: e
  - id: ck-order
    type: order
    difficulty: 1
    prompt: Order.
    items: [first, second, third]
    explanation: e
  - id: ck-explain
    type: explain
    difficulty: 2
    prompt: Why do residual connections help?
    model_answer: The block adds its input back.
    key_points:
      - text: "Residual: Jacobian I + dF/dx gives an identity path"
        cues: [residual, skip connection, /identity (path|term|matrix)/, "I +"]
      - text: gradients reach early layers without vanishing
        cues: [vanish, "/gradients? (flow|reach)/"]
      - text: deeper nets become trainable
        cues: [deeper, depth]
      - a point without cues
    explanation: e
"""


@pytest.fixture
def banks(tmp_path):
    write_bank(tmp_path, BANK, name="checkdemo.yaml")
    return ["--banks", str(tmp_path)]


def check(banks, capsys, *args):
    code = main([*banks, "check", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def check_json(banks, capsys, *args):
    code, out, err = check(banks, capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_every_type_reads_a_typed_answer():
    assert set(READ_TYPED) == set(REGISTRY)


@pytest.mark.parametrize("qid, answer, correct, score", [
    ("ck-single", "2", True, 1.0),
    ("ck-single", "1", False, 0.0),
    ("ck-multiple", "1,3", True, 1.0),
    ("ck-multiple", "3 1", True, 1.0),
    ("ck-multiple", "1", False, 0.5),          # one of the two right ones, nothing wrong: 1/2 of the union
    ("ck-multiple", "1,2", False, 1 / 3),      # one right, one wrong: 1/3 of the union {1,2,3}
    ("ck-tf", "f", True, 1.0),
    ("ck-tf", "FALSE", True, 1.0),
    ("ck-tf", "true", False, 0.0),
    ("ck-numeric", "6.6e-3", True, 1.0),
    ("ck-numeric", "6.6 x 10^-3", True, 1.0),
    ("ck-numeric", "0.00665", True, 1.0),      # 5e-5 off, inside 1% of 0.0066 (6.6e-5)
    ("ck-numeric", "0.0067", False, 0.0),      # 1e-4 off, outside it
    ("ck-short", "ReLU", True, 1.0),
    ("ck-short", "rectified linear unit", True, 1.0),
    ("ck-short", "tanh", False, 0.0),
    ("ck-order", "1 2 3", True, 1.0),
    ("ck-order", "2 1 3", False, 1 / 3),       # only `third` in its place
])
def test_the_verdict_on_a_typed_answer(banks, capsys, qid, answer, correct, score):
    out = check_json(banks, capsys, qid, answer)
    assert out["correct"] is correct and out["score"] == pytest.approx(score)
    assert set(out) == {"correct", "score", "expected"} and out["expected"]


def test_an_explain_answer_is_ticked_by_its_cues(banks, capsys):
    text = "A skip connection makes an identity path, so gradients flow back; they do not vanish."
    out = check_json(banks, capsys, "ck-explain", text)
    assert set(out) == {"correct", "score", "key_points"}
    points = out["key_points"]
    assert [p["text"] for p in points] == ["Residual: Jacobian I + dF/dx gives an identity path",
                                           "gradients reach early layers without vanishing",
                                           "deeper nets become trainable", "a point without cues"]
    assert [p["detected"] for p in points] == [True, True, False, False]
    assert points[0]["matched"] == ["skip connection", "identity path"]
    assert points[1]["matched"] == ["gradients flow"] and points[1]["negated"] == ["vanish"]
    assert out["score"] == 0.5 and out["correct"] is True  # 2 of 4: half or more


def test_a_negated_explain_answer_scores_nothing(banks, capsys):
    out = check_json(banks, capsys, "ck-explain", "It is not because of residual connections, and it isn't depth")
    assert [p["detected"] for p in out["key_points"]] == [False, False, False, False]
    assert out["score"] == 0.0 and out["correct"] is False


def test_the_readable_lines_for_an_explain_answer(banks, capsys):
    code, out, _ = check(banks, capsys, "ck-explain", "deeper", "nets", "train", "with", "a", "residual")
    assert code == 0
    assert "the cues find 2 of 4 key points (score 0.50" in out and out.startswith("✓ right")
    assert "[x] 1. Residual: Jacobian" in out and "[ ] 2. gradients" in out and "[x] 3. deeper" in out
    assert 'matched "residual"' in out and 'matched "deeper"' in out
    assert "(no cues: only the learner can tick it)" in out


def test_the_readable_line_for_another_type(banks, capsys):
    code, out, _ = check(banks, capsys, "ck-single", "1")
    assert code == 0
    assert out.splitlines()[0] == "✗ not quite (score 0.00) — answer: right one"
    assert "It is the wrong one." in out


@pytest.mark.parametrize("qid, answer, message", [
    ("ck-sngle", "1", "unknown question `ck-sngle` — did you mean ck-single"),
    ("ck-single", "4", "ck-single: `4` is not a choice number — use numbers from 1 to 3"),
    ("ck-single", "1,2", "more than one choice"),
    ("ck-multiple", "1,x", "is not a list of choice numbers"),
    ("ck-tf", "maybe", "is not true or false"),
    ("ck-numeric", "lots", "is not a number"),
    ("ck-order", "1 1 2", "does not list each item once"),
    ("ck-order", "1 2", "does not list each item once"),
])
def test_an_unreadable_answer_or_unknown_id_is_one_usage_line(banks, capsys, qid, answer, message):
    code, out, err = check(banks, capsys, qid, answer)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("quizprep: ") and message in err, err


def test_checking_records_nothing(banks, capsys):
    check_json(banks, capsys, "ck-tf", "f")
    check_json(banks, capsys, "ck-explain", "residual")
    with ProgressStore() as store:
        assert store.db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 0
        assert store.db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 0


def test_an_answer_from_standard_input(banks, capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("a residual block\nso gradients flow\n"))
    out = check_json(banks, capsys, "ck-explain", "-")
    assert [p["detected"] for p in out["key_points"]] == [True, True, False, False]


def test_the_readable_lines_name_the_cue_when_the_fragment_reads_otherwise(banks, capsys):
    _, out, _ = check(banks, capsys, "ck-explain", "Skip-Connections, so gradients reach far; no residual")
    assert 'matched "Skip-Connections" (skip connection)' in out
    assert 'matched "gradients reach" (/gradients? (flow|reach)/)' in out
    assert 'negated, not counted: "residual"' in out
