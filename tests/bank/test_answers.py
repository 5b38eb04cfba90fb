"""Answer checking for every question type, with tolerance edges and regular expressions."""

import pytest

from quizprep.bank import Choice, Question, check_answer, parse_number


def q(**fields):
    base = dict(id="q", topic="t", type="single", difficulty=1, prompt="p", explanation="e")
    base.update(fields)
    return Question(**base)


CHOICES = (Choice("zero", False, "why zero is wrong"), Choice("one", True), Choice("two", True, "two is fine"), Choice("three", False, "why three"))


def test_single_right_and_wrong_with_why():
    question = q(choices=(Choice("a", False, "a is wrong because"), Choice("b", True)))
    assert check_answer(question, 1).correct
    wrong = check_answer(question, 0)
    assert not wrong.correct and wrong.feedback == ("a is wrong because",) and wrong.expected == "b"


@pytest.mark.parametrize("picked, correct, score", [
    ({1, 2}, True, 1.0),
    ({1}, False, 0.5),
    ({1, 2, 3}, False, 2 / 3),
    ({0, 3}, False, 0.0),
])
def test_multiple_needs_exactly_the_correct_set(picked, correct, score):
    v = check_answer(q(type="multiple", choices=CHOICES), picked)
    assert v.correct is correct and v.score == pytest.approx(score)


def test_multiple_feedback_names_wrong_picks_and_missed():
    v = check_answer(q(type="multiple", choices=CHOICES), {0, 1})
    assert v.feedback == ("why zero is wrong", "Also correct: two")


@pytest.mark.parametrize("answer, given, correct", [(True, True, True), (True, False, False), (False, False, True)])
def test_true_false(answer, given, correct):
    assert check_answer(q(type="true_false", answer=answer), given).correct is correct


@pytest.mark.parametrize("given, correct", [
    ("0.0066", True), ("0.0067", True), ("0.0065", True),  # edges: |diff| == tolerance exactly
    ("0.00671", False), ("0.00649", False), ("6.6e-3", True), ("6.6 x 10^-3", True), ("6.6×10^(-3)", True), (0.0066, True),
])
def test_numeric_absolute_tolerance_edges(given, correct):
    assert check_answer(q(type="numeric", answer=0.0066, tolerance=0.0001), given).correct is correct


@pytest.mark.parametrize("given, correct", [("2.8e-22", True), ("2.66e-22", True), ("2.94e-22", True), ("2.65e-22", False), ("3e-21", False)])
def test_numeric_relative_tolerance_edges(given, correct):
    # 5% of 2.8e-22 is 1.4e-23, so [2.66e-22, 2.94e-22] passes
    assert check_answer(q(type="numeric", answer=2.8e-22, rel_tolerance=0.05), given).correct is correct


def test_numeric_either_tolerance_passes():
    question = q(type="numeric", answer=100.0, tolerance=0.5, rel_tolerance=0.01)
    assert check_answer(question, "100.9").correct  # outside ±0.5, inside ±1%
    assert not check_answer(question, "101.1").correct


@pytest.mark.parametrize("text, value", [("1,000", 1000.0), ("-3", -3.0), ("−0.5", -0.5), (".5", 0.5), ("1e3", 1000.0)])
def test_parse_number_forms(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["abc", "0,5", "", "nan", "inf"])
def test_parse_number_rejects_with_a_message(text):
    with pytest.raises(ValueError, match="number"):
        parse_number(text)


@pytest.mark.parametrize("given, correct", [
    ("Cross-Entropy", True), ("  cross-entropy  ", True), ("cross - entropy", True), ("crossentropy loss", True),
    ("CROSS ENTROPY", True), ("entropy", False), ("cross-entropy.", True), ("xcross entropy", False),
])
def test_short_plain_and_regex(given, correct):
    question = q(type="short", accept=("cross-entropy", "/cross[- ]?entropy( loss)?/"))
    assert check_answer(question, given).correct is correct


def test_short_regex_must_match_whole_answer():
    question = q(type="short", accept=("/relu/",))
    assert check_answer(question, "ReLU").correct
    assert not check_answer(question, "leaky relu").correct


def test_order_exact_and_partial_score():
    question = q(type="order", items=("zero_grad", "forward", "backward", "step"))
    assert check_answer(question, [0, 1, 2, 3]).correct
    v = check_answer(question, [0, 2, 1, 3])
    assert not v.correct and v.score == 0.5
    with pytest.raises(ValueError):
        check_answer(question, [0, 0, 1, 2])


@pytest.mark.parametrize("ticked, correct, score", [({0, 1}, True, 0.5), ({0}, False, 0.25), (set(), False, 0.0), ({0, 1, 2, 3}, True, 1.0)])
def test_explain_scored_by_ticked_key_points(ticked, correct, score):
    question = q(type="explain", model_answer="m", key_points=("a", "b", "c", "d"))
    v = check_answer(question, ticked)
    assert v.correct is correct and v.score == score and v.expected == "m"
