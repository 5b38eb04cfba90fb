"""The banks that ship with quizprep: valid, complete, and with answer keys checked independently."""

import importlib
from collections import Counter
from pathlib import Path

import pytest

from quizprep.bank import QUESTION_TYPES, load_banks
from quizprep.bank.answers import within_tolerance
from quizprep.paths import bank_paths

REQUIRED_TOPICS = {
    "backprop", "nonlinearity", "activations", "softmax-cross-entropy", "autodiff", "optimizers",
    "learning-rate", "vanishing-gradients", "exploding-gradients", "initialization", "training-loop",
    "gradient-checking",
}
# what interviewers ask after backprop: each of these banks asks every question type
BEYOND_THE_GUIDE = {"attention", "normalization", "regularization", "convolution", "recurrent", "residual", "precision", "training-memory"}
NUMERIC_DIR = Path(__file__).parent / "numeric_answers"


@pytest.fixture(scope="module")
def catalog():
    return load_banks(bank_paths())


def test_every_shipped_bank_validates_cleanly(catalog):
    assert [str(p) for p in catalog.problems] == []


def test_content_covers_the_syllabus(catalog):
    assert REQUIRED_TOPICS | BEYOND_THE_GUIDE <= set(catalog.topics)
    questions = catalog.questions
    types = Counter(q.type for q in questions)
    assert len(questions) >= 450
    assert set(types) == set(QUESTION_TYPES)
    assert types["explain"] >= 60
    assert {q.difficulty for q in questions} == {1, 2, 3}
    for bank in catalog.banks:
        assert len(bank.questions) >= 12, bank.topic
        assert {q.difficulty for q in bank.questions} == {1, 2, 3}, bank.topic
        if bank.topic in BEYOND_THE_GUIDE:
            bank_types = Counter(q.type for q in bank.questions)
            assert len(bank.questions) >= 22 and set(bank_types) == set(QUESTION_TYPES) and bank_types["explain"] >= 3, bank.topic


def _independent_answers():
    answers, wrong = {}, {}
    for path in sorted(NUMERIC_DIR.glob("*.py")):
        if path.stem.startswith("_"):
            continue
        module = importlib.import_module(f"tests.bank.numeric_answers.{path.stem}")
        answers.update(module.ANSWERS)
        wrong.update(getattr(module, "ALSO_WRONG", {}))
    return answers, wrong


def test_every_numeric_answer_key_matches_an_independent_computation(catalog):
    answers, wrong = _independent_answers()
    numeric = [q for q in catalog.questions if q.type == "numeric"]
    assert numeric
    missing = [q.id for q in numeric if q.id not in answers]
    assert missing == [], "numeric questions without an independent computation"
    off = [(q.id, q.answer, answers[q.id]) for q in numeric if not within_tolerance(q, float(answers[q.id]))]
    assert off == [], "answer keys that disagree with the computation"
    accepted_mistakes = [(q.id, v) for q in numeric for v in wrong.get(q.id, ()) if within_tolerance(q, float(v))]
    assert accepted_mistakes == [], "tolerances so loose that a classic mistake passes"
    assert set(answers) <= {q.id for q in numeric}, "computations for questions that no longer exist"
