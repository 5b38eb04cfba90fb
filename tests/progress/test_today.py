"""Today's new-question allowance is one number that holds for the study day, and reviews mix topics as the plan does."""

import itertools
import math
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest

from quizprep.progress import ProgressStore
from quizprep.progress.reviews import record_answer
from quizprep.progress.today import today, todays_review

TOPICS = {"activations": 14, "losses": 6, "optim": 4}
QUESTIONS = [(f"{t}-{i}", t) for t, n in TOPICS.items() for i in range(n)]  # bank order: one topic after another
TOPIC_OF = dict(QUESTIONS)
NOON = datetime(2026, 12, 1, 12, 0).astimezone()  # local noon: well inside the study day that starts at 4 am


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now.astimezone(UTC)


@pytest.fixture
def clock():
    return Clock(NOON)


@pytest.fixture
def store(tmp_path, clock):
    return ProgressStore(tmp_path / "p.db", clock=clock, backups=False)


def answer(store, qid, correct=True, mode="review"):
    record_answer(store, question_id=qid, topic=TOPIC_OF[qid], qtype="single", correct=correct, score=float(correct),
                  seconds=30, mode=mode)


def longest_run(topics):
    return max(len(list(g)) for _, g in itertools.groupby(topics))


def test_with_an_interview_date_the_days_share_holds_while_you_study(store, clock):
    store.set_setting("new_per_day", "1")           # slower than the plan needs: the plan raises it
    store.set_interview_date(date(2026, 12, 11))     # 10 study days, new material on the first ceil(10 * 0.75) = 8
    share = math.ceil(len(QUESTIONS) / 8)            # 24 questions over 8 days: 3 a day
    first = today(store, QUESTIONS, [])
    assert (first.new_allowance, first.new_left, first.introduced) == (share, share, 0)
    assert first.plan.today_plan.new_total == share

    for qid in todays_review(store, QUESTIONS, [])[:2]:
        answer(store, qid)
    clock.now += timedelta(hours=1)
    later = today(store, QUESTIONS, [])
    assert (later.new_allowance, later.new_left, later.introduced) == (share, share - 2, 2)  # not recomputed from what is left
    assert later.plan.today_plan.new_total == share and later.plan.today_plan.new_by_topic == first.plan.today_plan.new_by_topic

    for qid in todays_review(store, QUESTIONS, []):
        answer(store, qid)
    clock.now += timedelta(hours=1)
    done = today(store, QUESTIONS, [])
    assert done.new_left == 0 and done.new_allowance == share
    assert [q for q in todays_review(store, QUESTIONS, []) if q not in {r for r, in store.db.execute("SELECT ref FROM cards")}] == []

    clock.now = NOON + timedelta(days=1)             # the next study day: 21 left over the 7 remaining learning days
    tomorrow = today(store, QUESTIONS, [])
    assert tomorrow.new_allowance == math.ceil((len(QUESTIONS) - share) / math.ceil(9 * 0.75)) and tomorrow.introduced == 0


def test_new_per_day_is_a_pace_the_plan_only_ever_raises(store):
    store.set_setting("new_per_day", "7")
    store.set_interview_date(date(2026, 12, 11))
    assert today(store, QUESTIONS, []).new_allowance == 7            # 7 a day is faster than the 3 the plan needs
    store.set_setting("new_per_day", "2")
    assert today(store, QUESTIONS, []).new_allowance == 3


def test_without_a_date_the_allowance_is_new_per_day_and_anything_scheduled_counts(store, clock):
    store.set_setting("new_per_day", "5")
    answer(store, "optim-0", mode="quiz")           # a topic quiz starts a question too
    answer(store, "optim-1", mode="practice")       # practice schedules nothing, so it does not count
    numbers = today(store, QUESTIONS, [])
    assert (numbers.new_allowance, numbers.introduced, numbers.new_left) == (5, 1, 4)
    queue = todays_review(store, QUESTIONS, [])
    assert "optim-0" not in queue and len(queue) == 4                    # it comes back after its 10-minute step


def test_the_allowance_rolls_over_at_the_study_days_start_hour(store, clock):
    store.set_setting("new_per_day", "2")
    clock.now = datetime(2026, 12, 1, 23, 0).astimezone()
    for qid in todays_review(store, QUESTIONS, []):
        answer(store, qid)
    clock.now = datetime(2026, 12, 2, 3, 30).astimezone()           # still the same study day
    assert today(store, QUESTIONS, []).new_left == 0
    clock.now = datetime(2026, 12, 2, 4, 30).astimezone()           # a new study day
    assert today(store, QUESTIONS, []).new_left == 2


def test_new_questions_follow_the_plans_mix_and_interleave_topics(store):
    store.set_setting("new_per_day", "12")
    numbers = today(store, QUESTIONS, [])
    queue = todays_review(store, QUESTIONS, [])
    assert Counter(TOPIC_OF[q] for q in queue) == Counter(numbers.new_by_topic)
    assert numbers.new_by_topic == {"activations": 4, "losses": 4, "optim": 4}   # one of each topic in turn: 12 = 3 x 4
    assert longest_run([TOPIC_OF[q] for q in queue]) == 1                      # several topics due: never two alike in a row
    for topic in TOPICS:                                                        # each topic in bank order
        mine = [q for q in queue if TOPIC_OF[q] == topic]
        assert mine == [f"{topic}-{i}" for i in range(len(mine))]


def test_a_topic_heavy_day_still_breaks_up_the_big_topic(store):
    store.set_interview_date(date(2026, 12, 3))     # two study days, all of it now: 12 a day
    questions = [(f"act-{i}", "activations") for i in range(20)] + [("loss-0", "losses"), ("loss-1", "losses"), ("opt-0", "optim")]
    store.set_setting("new_per_day", "0")
    numbers = today(store, questions, [])
    queue = todays_review(store, questions, [])
    topics = [dict(questions)[q] for q in queue]
    assert Counter(topics) == Counter(numbers.new_by_topic) and len(queue) == math.ceil(23 / 2)
    assert numbers.new_by_topic == {"activations": 9, "losses": 2, "optim": 1}   # in turn: a l o a l a a a a a a a
    assert longest_run(topics) == math.ceil(9 / 4)                               # 9 around 3 others: 4 gaps


def test_the_order_is_the_same_all_day(store, clock):
    store.set_setting("new_per_day", "9")
    first = todays_review(store, QUESTIONS, [])
    clock.now += timedelta(hours=3)
    assert todays_review(store, QUESTIONS, []) == first


def test_todays_exercises_hold_for_the_day_after_a_pass(store, clock):
    from quizprep.progress.reviews import record_exercise_grade

    store.set_interview_date(date(2026, 12, 11))
    exercises = [f"ex{i}" for i in range(16)]                # 16 over 8 learning days: 2 a day
    before = today(store, QUESTIONS, exercises).plan.today_plan.exercises
    assert before == ("ex0", "ex1")
    record_exercise_grade(store, "ex0", "pass", 9, 9, 0.2)
    clock.now += timedelta(hours=1)
    assert today(store, QUESTIONS, exercises).plan.today_plan.exercises == before
    clock.now = NOON + timedelta(days=1)                     # tomorrow: ex0 is done, 15 left over 7 learning days
    assert today(store, QUESTIONS, exercises).plan.today_plan.exercises == ("ex1", "ex2", "ex3")
