"""Question types are defined once, in the registry: the shipped banks use only registered types, every face
has an entry for exactly the registered types, and an unknown type is an error everywhere, never explain."""

import dataclasses

import pytest

from quizprep.bank import QUESTION_TYPES, REGISTRY, Question, UnknownQuestionType, check_answer, format_expected, load_bank, load_banks
from quizprep.bank.types import question_type
from quizprep.paths import bank_paths
from quizprep.quiz import QuizItem, QuizSession, describe_response

from .bank.helpers import VALID_QUESTION, bank_text, write_bank

ALL_NAMES = ", ".join(["single", "multiple", "true_false", "numeric", "short", "order", "explain"])


def _right_response(q: Question):
    """The right answer to a question, read from its bank fields (not from the checker)."""
    return {
        "single": lambda: next(i for i, c in enumerate(q.choices) if c.correct),
        "multiple": lambda: [i for i, c in enumerate(q.choices) if c.correct],
        "true_false": lambda: q.answer,
        "numeric": lambda: q.answer,
        "short": lambda: next((a for a in q.accept if not a.startswith("/")), None),
        "order": lambda: list(range(len(q.items))),
        "explain": lambda: list(range(len(q.key_points))),
    }[q.type]()


def test_the_registry_lists_the_seven_types_in_their_documented_order():
    assert QUESTION_TYPES == tuple(REGISTRY) == tuple(ALL_NAMES.split(", "))
    assert {name: t.display for name, t in REGISTRY.items()}["true_false"] == "true or false"
    question_fields = {f.name for f in dataclasses.fields(Question)}
    for t in REGISTRY.values():
        assert set(t.fields) <= question_fields, t.name  # every field a type reads has a place on Question


def test_every_type_in_the_shipped_banks_is_registered_and_checks_its_right_answer():
    catalog = load_banks(bank_paths())
    assert catalog.problems == ()
    used = {q.type for q in catalog.questions}
    assert used == set(REGISTRY)
    for q in catalog.questions:
        response = _right_response(q)
        if response is None:  # a short question accepting only patterns
            continue
        verdict = check_answer(q, response)
        assert verdict.correct and verdict.score == 1.0, q.where
        assert verdict.expected == format_expected(q) and verdict.expected.strip(), q.where


def test_an_unknown_type_is_reported_at_its_file_and_line(tmp_path):
    path, line = write_bank(tmp_path, bank_text(VALID_QUESTION.format(id="good"), """\
  - id: odd
    type: essay   # <-
    difficulty: 1
    prompt: p
    explanation: e
"""))
    loaded = load_bank(path)
    assert [q.id for q in loaded.bank.questions] == ["good"]  # the rest of the bank still loads
    [problem] = loaded.problems
    assert str(problem) == f"{path}:{line}:11: unknown type `essay` — use one of {ALL_NAMES}"


def test_looking_up_an_unknown_type_is_an_error_that_names_the_known_ones():
    with pytest.raises(UnknownQuestionType) as err:
        question_type("essay")
    assert str(err.value) == f'unknown question type "essay" — use one of {ALL_NAMES}'
    assert isinstance(err.value, ValueError)
    with pytest.raises(UnknownQuestionType):
        question_type(["single"])  # an unhashable value from a hand-built question is an error too, not a crash


def _bogus() -> Question:
    return Question(id="odd", topic="demo", type="essay", difficulty=1, prompt="p", explanation="e", model_answer="m",
                    key_points=("a", "b", "c"), path="demo.yaml", line=7)


@pytest.mark.parametrize("use", [
    lambda q: check_answer(q, [0]),
    lambda q: format_expected(q),
    lambda q: describe_response(q, [0], "text"),
    lambda q: QuizSession.to_bank_response(QuizItem(q), [0]),
    lambda q: QuizSession([q]),
], ids=["check_answer", "format_expected", "describe_response", "to_bank_response", "session"])
def test_the_core_refuses_a_question_of_unknown_type_instead_of_treating_it_as_explain(use):
    with pytest.raises(UnknownQuestionType, match='"essay"'):
        use(_bogus())


def test_the_terminal_has_a_reader_for_exactly_the_registered_types():
    from quizprep.cli.keys import ANSWER_KEYS
    from quizprep.cli.plainquiz import READERS

    assert list(READERS) == list(REGISTRY)
    assert list(ANSWER_KEYS) == list(REGISTRY)


def test_the_terminal_refuses_to_read_an_answer_to_an_unknown_type():
    from quizprep.cli.plainquiz import read_answer, read_response

    def ask(prompt):
        raise AssertionError(f"asked {prompt!r} for a question it cannot read")

    for read in (read_answer, read_response):
        with pytest.raises(UnknownQuestionType, match='"essay"'):
            read(QuizItem(_bogus()), ask)


def test_the_app_has_answer_widgets_for_exactly_the_registered_types():
    from quizprep.tui.screens.quiz import TYPE_NAMES, QuizScreen
    from quizprep.tui.widgets.answers import ANSWER_FACES, WIDGETS_FOR_TYPE

    assert list(ANSWER_FACES) == list(REGISTRY)
    assert list(WIDGETS_FOR_TYPE) == list(QuizScreen.HINTS) == list(TYPE_NAMES) == list(REGISTRY)


def test_the_app_refuses_to_show_an_unknown_type_instead_of_drawing_an_explain_box():
    from quizprep.tui.screens.quiz import QuizScreen
    from quizprep.tui.widgets.answers import answer_widgets

    with pytest.raises(UnknownQuestionType, match='"essay"'):
        answer_widgets(QuizItem(_bogus()))
    with pytest.raises(UnknownQuestionType, match='"essay"'):
        QuizScreen._hint_for("essay")


@pytest.mark.parametrize("written, found", [("[single]", "a list"), ("{single: 1}", "a mapping")])
def test_a_type_written_as_a_list_or_mapping_is_reported_plainly_at_its_line(tmp_path, written, found):
    path, line = write_bank(tmp_path, bank_text(f"""\
  - id: odd
    type: {written}   # <-
    difficulty: 1
    prompt: p
    explanation: e
"""))
    [problem] = load_bank(path).problems
    assert str(problem) == f"{path}:{line}:11: `type` should be one name, found {found} — use one of {ALL_NAMES}"
