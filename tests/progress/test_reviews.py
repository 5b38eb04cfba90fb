"""Spaced repetition with a controlled clock: due dates follow FSRS, reviews come due-first."""

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Card, Rating, Scheduler

from quizprep.progress import ProgressStore
from quizprep.progress.reviews import (
    due_exercises,
    record_answer,
    record_exercise_grade,
    review_queue,
)
from quizprep.progress.scheduler import rate, study_day

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now=T0):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(tmp_path, clock):
    return ProgressStore(tmp_path / "progress.db", clock=clock, backups=False)


def answer(store, qid, correct=True, seconds=30.0, mode="quiz", qtype="single", score=None):
    return record_answer(store, question_id=qid, topic="t", qtype=qtype, correct=correct,
                         score=(1.0 if correct else 0.0) if score is None else score, seconds=seconds, mode=mode)


@pytest.mark.parametrize("correct, score, seconds, qtype, expected", [
    (False, 0.0, 3.0, "single", Rating.Again),
    (True, 1.0, 3.0, "single", Rating.Easy),
    (True, 1.0, 30.0, "single", Rating.Good),
    (True, 0.75, 3.0, "explain", Rating.Hard),
    (True, 1.0, 1.0, "explain", Rating.Good),  # explain answers are never Easy from speed
])
def test_rating_rules(correct, score, seconds, qtype, expected):
    assert rate(correct, score, seconds, qtype) == expected


def test_due_dates_move_as_fsrs_says(store, clock):
    fsrs = Scheduler(desired_retention=0.9, enable_fuzzing=False)
    card = Card(card_id=1, due=clock.now)
    for correct, seconds, rating in [(True, 30, Rating.Good), (True, 30, Rating.Good), (False, 30, Rating.Again), (True, 3, Rating.Easy)]:
        outcome = answer(store, "q1", correct=correct, seconds=seconds)
        card, _ = fsrs.review_card(card, rating, clock.now)
        assert outcome.rating == rating
        assert outcome.due == card.due
        clock.now = card.due  # come back exactly when due
    stored = store.db.execute("SELECT due FROM cards WHERE key = 'q:q1'").fetchone()[0]
    assert datetime.fromisoformat(stored) == card.due


def test_target_retention_changes_the_interval(tmp_path, clock):
    intervals = {}
    for retention in ("0.8", "0.95"):
        s = ProgressStore(tmp_path / f"p{retention}.db", clock=clock, backups=False)
        s.set_setting("target_retention", retention)
        answer(s, "q")                       # learning step
        clock.now += timedelta(minutes=10)
        answer(s, "q")                       # graduates
        clock.now += timedelta(days=3)
        intervals[retention] = answer(s, "q").due - clock.now
        clock.now = T0
    assert intervals["0.8"] > intervals["0.95"]  # asking for more retention brings cards back sooner


def test_review_queue_is_due_first_then_new_up_to_the_daily_limit(store, clock):
    store.set_setting("new_per_day", "3")
    answer(store, "late", correct=False)      # due again in a minute
    answer(store, "early", correct=False)
    answer(store, "known", correct=True)
    clock.now += timedelta(hours=1)
    queue = review_queue(store, ["n1", "early", "n2", "late", "known", "n3", "n4"])
    # 'late' was answered first, so it is the most overdue; 3 new cards were introduced today already
    assert queue[:2] == ["late", "early"]
    assert "n1" not in queue
    clock.now += timedelta(days=1)
    assert [q for q in review_queue(store, ["n1", "n2", "n3", "n4"])] == ["n1", "n2", "n3"]


def test_new_cards_are_counted_per_study_day_which_rolls_over_at_the_set_hour(store, clock):
    store.set_setting("new_per_day", "1")
    store.set_setting("day_starts_hour", "4")
    local = datetime(2026, 3, 2, 23, 0).astimezone()          # 11 pm local
    clock.now = local.astimezone(UTC)
    answer(store, "a")
    assert "b" not in review_queue(store, ["a", "b"], now=(local + timedelta(hours=4)).astimezone(UTC))  # 3 am: same study day
    assert "b" in review_queue(store, ["a", "b"], now=(local + timedelta(hours=5, minutes=1)).astimezone(UTC))  # 4:01 am: new day
    assert study_day(local + timedelta(hours=4), 4) == "2026-03-02" and study_day(local + timedelta(hours=6), 4) == "2026-03-03"


def test_practice_records_but_does_not_move_cards(store):
    outcome = answer(store, "q", mode="practice")
    assert outcome.comes_back == "" and outcome.due is None
    assert store.db.execute("SELECT COUNT(*) FROM cards").fetchone()[0] == 0
    assert store.db.execute("SELECT mode FROM answers").fetchone()[0] == "practice"


def test_undo_restores_the_card_exactly(store, clock):
    first = answer(store, "q")
    clock.now += timedelta(minutes=10)
    second = answer(store, "q")
    before = store.db.execute("SELECT data, due FROM cards").fetchone()
    clock.now += timedelta(days=2)
    third = answer(store, "q", correct=False)
    undone = store.undo_answer(third.uid)
    assert undone["correct"] == 0
    assert tuple(store.db.execute("SELECT data, due FROM cards").fetchone()) == tuple(before)
    assert store.db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 2
    store.undo_answer(second.uid)
    store.undo_answer(first.uid)
    assert store.db.execute("SELECT COUNT(*) FROM cards").fetchone()[0] == 0  # the first answer created it
    assert store.undo_answer(third.uid) is None


def test_removed_questions_keep_history_but_are_not_scheduled(store, clock):
    answer(store, "gone", correct=False)
    answer(store, "kept", correct=False)
    clock.now += timedelta(hours=1)
    assert review_queue(store, ["kept"]) == ["kept"]
    assert store.db.execute("SELECT COUNT(*) FROM answers WHERE question_id = 'gone'").fetchone()[0] == 1


def test_a_passed_exercise_comes_back_for_review(store, clock):
    first = record_exercise_grade(store, "relu_grad", "fail", 3, 9, 0.3)
    assert first is None and due_exercises(store, ["relu_grad"]) == []
    due = record_exercise_grade(store, "relu_grad", "pass", 9, 9, 0.3)
    assert due is not None and due > clock.now
    assert record_exercise_grade(store, "relu_grad", "pass", 9, 9, 0.3) is None  # not due yet: no move
    clock.now = due + timedelta(minutes=1)
    assert due_exercises(store, ["relu_grad", "adam"]) == ["relu_grad"]
