"""The plain quiz's explain questions with cues: the points the cues find are shown ticked, an empty line
keeps them, numbers replace them; the final ticks are what is recorded, with how they differ from the
suggestion. The application layer gives the app the same suggestion and the same record."""

import pytest

from quizprep.bank import load_banks
from quizprep.bank.cues import TICK_EVENT
from quizprep.cli.plainquiz import read_explain, run_plain_quiz
from quizprep.progress import ProgressStore
from quizprep.services import Services

from ..bank.helpers import write_bank

BANK = """\
topic: demo
title: Demo
questions:
  - id: q-cued
    type: explain
    difficulty: 2
    prompt: Why do residual connections help?
    model_answer: The block adds its input back.
    key_points:
      - text: identity path through the block
        cues: [residual, skip connection, /identity (path|term)/]
      - text: gradients reach early layers
        cues: [vanish, "/gradients? (flow|reach)/"]
      - text: deeper nets train
        cues: [deeper, depth]
      - a point without cues
    explanation: That is it.
  - id: q-plain
    type: explain
    difficulty: 1
    prompt: Explain something.
    model_answer: The model answer.
    key_points: [first point, second point, third point]
    explanation: That is it.
"""

ANSWER = ["A skip connection keeps gradients flowing.", "It is not about depth.", ""]  # finds points 1 and 2


@pytest.fixture
def bank(tmp_path):
    path, _ = write_bank(tmp_path, BANK)
    catalog = load_banks([path])
    assert not catalog.problems
    return catalog, path


def typed(monkeypatch, lines):
    it = iter(lines)
    monkeypatch.setattr("builtins.input", lambda prompt="": next(it))


@pytest.mark.parametrize("choice, ticks", [
    ("", [0, 1]),          # enter keeps the suggestion
    ("1 3", [0, 2]),       # numbers replace it
    ("3,1,3", [0, 2]),
    ("-", []),             # none
])
def test_the_suggested_ticks_are_kept_or_replaced(bank, monkeypatch, capsys, choice, ticks):
    q = bank[0].question("q-cued")
    typed(monkeypatch, [*ANSWER, choice])
    response, text = read_explain(q)
    assert response == ticks and text == "A skip connection keeps gradients flowing.\nIt is not about depth."
    out = capsys.readouterr().out
    assert "  [x] 1. identity path through the block" in out
    assert "  [x] 2. gradients reach early layers" in out
    assert "  [ ] 3. deeper nets train" in out          # `depth` is negated by `not`
    assert "  [ ] 4. a point without cues" in out


def test_a_bad_choice_is_asked_again(bank, monkeypatch, capsys):
    typed(monkeypatch, [*ANSWER, "5", "x", "2"])
    assert read_explain(bank[0].question("q-cued"))[0] == [1]
    assert capsys.readouterr().out.count("numbers from 1 to 4, an empty line to keep the ticks, or - for none") == 2


def test_a_question_without_cues_is_asked_as_before(bank, monkeypatch, capsys):
    typed(monkeypatch, ["my answer", "", ""])
    assert read_explain(bank[0].question("q-plain"))[0] == []  # an empty line: none covered
    out = capsys.readouterr().out
    assert "which key points did you cover?" in out and "  1. first point" in out and "[x]" not in out


def test_the_quiz_records_the_final_ticks_and_how_they_differ(bank, monkeypatch, capsys):
    catalog, _ = bank
    typed(monkeypatch, [*ANSWER, "1 3", ""])
    with ProgressStore() as store:
        run_plain_quiz([catalog.question("q-cued")], store=store)
        answers = [tuple(r) for r in store.db.execute("SELECT question_id, correct, score FROM answers")]
        events = [tuple(r) for r in store.db.execute("SELECT kind, ref, detail FROM events")]
    assert answers == [("q-cued", 1, 0.5)]  # the learner's 2 of 4, not the cues'
    assert events == [(TICK_EVENT, "q-cued", "suggested 1,2; ticked 1,3; added 3; removed 2")]


def test_a_question_without_cues_records_no_tick_event(bank, monkeypatch, capsys):
    catalog, _ = bank
    typed(monkeypatch, ["my answer", "", "1 2", ""])
    with ProgressStore() as store:
        run_plain_quiz([catalog.question("q-plain")], store=store)
        assert store.db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 0
        assert store.db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 1


def test_services_suggest_and_record_for_the_app(bank):
    _, path = bank
    services = Services(bank_paths=[path])
    q = services.question("q-cued")
    text = "residual blocks go deeper"
    assert services.suggested_ticks(q, text) == {0, 2}
    services.record_tick_change(q, text, [0])
    services.record_tick_change(services.question("q-plain"), "x", [0])  # no cues: nothing to record
    events = [tuple(r) for r in services.store.db.execute("SELECT kind, ref, detail FROM events")]
    services.close()
    assert events == [(TICK_EVENT, "q-cued", "suggested 1,3; ticked 1; added -; removed 3")]


def test_in_a_mock_interview_the_cues_ticks_are_the_score_unless_corrected(tmp_path, monkeypatch, capsys):
    from quizprep.cli.interview import _run_interview

    path, _ = write_bank(tmp_path, BANK.split("  - id: q-plain")[0])  # the cued question alone
    services = Services(bank_paths=[path], builtin_exercises=False)
    typed(monkeypatch, [*ANSWER, ""])  # the answer, then enter: keep the cues' ticks
    _run_interview(services, 10, 1)
    typed(monkeypatch, [*ANSWER, "1 2 3"])  # the same answer, corrected to three points
    _run_interview(services, 10, 1)
    scores = [tuple(r) for r in services.store.db.execute("SELECT question_id, score FROM answers ORDER BY id")]
    services.close()
    assert scores == [("q-cued", 0.5), ("q-cued", 0.75)]  # 2 of 4 found by the cues; 3 of 4 as corrected
