"""Every built-in explain question scores itself: its key points carry cues, its own model answer
makes every one of them, and a model answer from another topic makes at most one."""

import pytest

from quizprep.bank import load_banks
from quizprep.bank.cues import detect
from quizprep.paths import bank_paths

CATALOG = load_banks(bank_paths())
EXPLAIN = [q for q in CATALOG.questions if q.type == "explain"]
# questions of two banks that ask about the same thing from two sides: each answer rightly makes the
# other's points, so they are not "unrelated" (the rule below is for answers to another question)
RELATED = {
    frozenset({"mem-explain-where-memory-goes", "ad-activation-memory"}),
    frozenset({"mem-explain-accumulation-vs-ddp", "tl-explain-gradient-accumulation"}),
}


@pytest.mark.parametrize("question", EXPLAIN, ids=[q.id for q in EXPLAIN])
def test_every_key_point_has_cues_and_the_model_answer_makes_them_all(question):
    assert all(question.key_point_cues), f"{question.id}: give every key point cues"
    missed = [d.text for d in detect(question, question.model_answer) if not d.detected]
    assert missed == [], f"{question.id}: its own model answer does not make {missed}"


@pytest.mark.parametrize("question", EXPLAIN, ids=[q.id for q in EXPLAIN])
def test_a_model_answer_from_another_topic_makes_at_most_one_point(question):
    others = [q for q in EXPLAIN if q.topic != question.topic and frozenset({q.id, question.id}) not in RELATED]
    worst = max(others, key=lambda o: sum(d.detected for d in detect(question, o.model_answer)))
    made = [d.text for d in detect(question, worst.model_answer) if d.detected]
    assert len(made) <= 1, f"{question.id}: {worst.id}'s model answer (another topic) makes {made}"
