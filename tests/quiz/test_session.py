"""Quiz sessions: selection, shuffled choices that keep their correctness, score, undo."""

import itertools

import pytest

from quizprep.bank import Choice, Question
from quizprep.quiz import QuizSession, select_questions


def make(qid, topic="a", qtype="single", difficulty=1, **fields):
    if qtype in ("single", "multiple") and "choices" not in fields:
        fields["choices"] = (Choice("w1", False, "no"), Choice("right", True), Choice("w2", False, "no"), Choice("w3", False, "no"))
    return Question(id=qid, topic=topic, type=qtype, difficulty=difficulty, prompt="p", explanation="e", **fields)


POOL = [make(f"q{i}", topic="ab"[i % 2], difficulty=1 + i % 3) for i in range(30)]


def test_filters_by_topic_and_difficulty_and_count():
    picked = select_questions(POOL, topics={"a"}, difficulties={2, 3}, count=4, seed=1)
    assert len(picked) == 4
    assert all(q.topic == "a" and q.difficulty in (2, 3) for q in picked)


def test_shuffle_is_reproducible_with_a_seed_and_differs_between_seeds():
    first = [q.id for q in select_questions(POOL, seed=7)]
    assert first == [q.id for q in select_questions(POOL, seed=7)]
    assert first != [q.id for q in select_questions(POOL, seed=8)]
    assert sorted(first) == sorted(q.id for q in POOL)


def test_bank_order_keeps_file_order():
    assert [q.id for q in select_questions(POOL, order="bank", count=3)] == ["q0", "q1", "q2"]


def test_due_order_puts_smallest_priority_first():
    due = {"q5": 0.0, "q9": 1.0}
    picked = select_questions(POOL, order="due", priority=lambda q: due.get(q.id, 99.0), seed=3)
    assert [q.id for q in picked[:2]] == ["q5", "q9"]


@pytest.mark.parametrize("seed", range(10))
def test_shuffled_choices_keep_which_is_correct(seed):
    session = QuizSession([make("q")], seed=seed)
    item = session.current
    position = [c.text for c in item.choices].index("right")
    assert session.answer(position).verdict.correct


def test_multiple_and_order_map_display_positions_back():
    multi = make("m", qtype="multiple", choices=(Choice("x", True), Choice("y", False, "no"), Choice("z", True)))
    order = make("o", qtype="order", items=("first", "second", "third", "fourth"))
    session = QuizSession([multi, order], seed=4)
    shown = [c.text for c in session.current.choices]
    assert session.answer([shown.index("x"), shown.index("z")]).verdict.correct
    shown_items = session.current.items
    assert shown_items != list(order.items)  # never presented already in order
    record = session.answer([shown_items.index(t) for t in order.items])
    assert record.verdict.correct and record.given == "first → second → third → fourth"


def test_score_summary_and_undo():
    clock = itertools.count(0.0, 2.5)
    qs = [make("a1", topic="a"), make("b1", topic="b"), make("a2", topic="a")]
    session = QuizSession(qs, seed=0, shuffle_choices=False, clock=lambda: next(clock))
    assert session.answer(1).verdict.correct           # right
    assert not session.answer(0).verdict.correct       # wrong
    undone = session.undo()
    assert undone.item.question.id == "b1" and session.current.question.id == "b1"
    record = session.answer(1, seconds=4.0)
    assert record.seconds == 4.0
    wrong = session.answer(2)
    assert wrong.verdict.feedback == ("no",) and wrong.given == "w2"
    summary = session.summary()
    assert (summary.right, summary.answered, summary.total) == (2, 3, 3)
    assert [(t.topic, t.right, t.total) for t in summary.by_topic] == [("a", 1, 2), ("b", 1, 1)]
    assert [q.id for q in summary.missed] == ["a2"]
    assert session.finished
    with pytest.raises(RuntimeError):
        session.answer(0)


def test_elapsed_time_comes_from_the_clock():
    times = iter([10.0, 13.5, 13.5])
    session = QuizSession([make("q")], shuffle_choices=False, clock=lambda: next(times))
    assert session.answer(1).seconds == 3.5


def test_numeric_answer_given_as_text():
    question = make("n", qtype="numeric", answer=2.302585, rel_tolerance=0.01)
    session = QuizSession([question])
    record = session.answer("2.30")
    assert record.verdict.correct and record.response == 2.3
