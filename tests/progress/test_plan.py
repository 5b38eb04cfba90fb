"""Study plan arithmetic with a fixed today: everything is covered before the interview date."""

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest

from quizprep.progress import ProgressStore
from quizprep.progress.plan import make_plan, plan_for
from quizprep.progress.reviews import record_answer, record_exercise_grade

TODAY = date(2026, 12, 1)
UNSEEN = {"alpha": [f"a{i}" for i in range(23)], "beta": [f"b{i}" for i in range(5)], "gamma": [f"g{i}" for i in range(11)]}
EXERCISES = [f"ex{i}" for i in range(16)]


@pytest.mark.parametrize("days", [1, 2, 3, 7, 10, 30])
def test_every_topic_and_exercise_is_covered_before_the_date(days):
    plan = make_plan(today=TODAY, interview=TODAY + timedelta(days=days), unseen=UNSEEN, exercises_left=EXERCISES)
    assert plan.days_left == days and len(plan.days) == days
    assert [d.day for d in plan.days] == [TODAY + timedelta(days=i) for i in range(days)]
    assert all(d.day < plan.interview for d in plan.days)
    new = Counter()
    for d in plan.days:
        new.update(d.new_by_topic)
    assert dict(new) == {t: len(q) for t, q in UNSEEN.items()}                     # every unseen question, once
    assert [e for d in plan.days for e in d.exercises] == EXERCISES                  # every exercise, once, in order
    assert plan.days[-1].mock_interview                                             # the day before: a mock interview


def test_new_material_ends_before_the_review_days_and_is_spread_evenly():
    plan = make_plan(today=TODAY, interview=TODAY + timedelta(days=8), unseen=UNSEEN, exercises_left=EXERCISES)
    totals = [d.new_total for d in plan.days]
    learn_days = 6  # ceil(8 * 0.75)
    assert all(t == 0 for t in totals[learn_days:]) and all(t > 0 for t in totals[:learn_days - 1])
    assert max(totals) - min(t for t in totals[:learn_days] if t) <= 7  # ceil(39 / 6) = 7 per day, the last day takes the rest
    assert all(d.mock_interview for d in plan.days[learn_days:])
    first_day_topics = set(plan.days[0].new_by_topic)
    assert first_day_topics == {"alpha", "beta", "gamma"}  # topics are interleaved, not done one after another


def test_a_past_or_today_date_gives_no_days():
    assert make_plan(today=TODAY, interview=TODAY, unseen=UNSEEN, exercises_left=EXERCISES).days == ()


def test_the_plan_adapts_to_what_was_done(tmp_path):
    now = datetime(2026, 12, 1, 12, tzinfo=UTC)
    store = ProgressStore(tmp_path / "p.db", clock=lambda: now, backups=False)
    questions = [(q, t) for t, qs in UNSEEN.items() for q in qs]
    assert plan_for(store, questions, EXERCISES) is None
    store.set_interview_date(date(2026, 12, 11))
    before = plan_for(store, questions, EXERCISES)
    for qid, topic in questions[:20]:  # a big first day: 20 new questions
        record_answer(store, question_id=qid, topic=topic, qtype="single", correct=True, score=1.0, seconds=30)
    record_exercise_grade(store, "ex0", "pass", 9, 9, 0.2)
    after = plan_for(store, questions, EXERCISES, now=now + timedelta(days=1))
    assert after.days_left == before.days_left - 1
    assert sum(d.new_total for d in after.days) == len(questions) - 20
    assert "ex0" not in [e for d in after.days for e in d.exercises]
    assert after.today_plan is not None and after.today_plan.day == date(2026, 12, 2)
