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


def test_a_date_more_than_a_year_ahead_is_refused_and_a_stored_one_is_not_planned(tmp_path):
    import time

    from quizprep.progress.plan import MAX_PLAN_DAYS, check_interview_date
    from quizprep.progress.today import today

    with pytest.raises(ValueError, match="more than 365 days ahead"):
        check_interview_date(date(9999, 12, 31), TODAY)
    with pytest.raises(ValueError, match="not after today"):
        check_interview_date(TODAY, TODAY)
    with pytest.raises(ValueError, match="not after today"):
        check_interview_date(TODAY - timedelta(days=1), TODAY)
    check_interview_date(TODAY + timedelta(days=MAX_PLAN_DAYS), TODAY)
    with pytest.raises(ValueError):
        make_plan(today=TODAY, interview=date(9999, 12, 31), unseen=UNSEEN, exercises_left=EXERCISES)

    now = datetime(2026, 12, 1, 12, tzinfo=UTC)
    store = ProgressStore(tmp_path / "p.db", clock=lambda: now, backups=False)
    store.set_setting("new_per_day", "4")
    store.set_interview_date(date(9999, 12, 31))   # saved by an older quizprep that did not check
    questions = [(q, t) for t, qs in UNSEEN.items() for q in qs]
    started = time.perf_counter()
    plan = plan_for(store, questions, EXERCISES)
    numbers = today(store, questions, EXERCISES)
    assert time.perf_counter() - started < 2.0
    assert plan.too_far and plan.days == () and plan.today_plan is None
    assert numbers.new_allowance == 4               # the learner's own pace meanwhile


def test_reviews_are_forecast_from_the_cards_due_dates(tmp_path):
    from fsrs import Card, Rating, Scheduler

    from quizprep.progress.scheduler import study_day

    now = datetime(2026, 12, 1, 12).astimezone()
    store = ProgressStore(tmp_path / "p.db", clock=lambda: now, backups=False)
    store.set_interview_date(date(2026, 12, 31))
    store.set_setting("new_per_day", "0")
    questions = [("known", "alpha")] + [(f"n{i}", "beta") for i in range(10)]
    record_answer(store, question_id="known", topic="alpha", qtype="single", correct=True, score=1.0, seconds=30,
                  at=now - timedelta(days=3, hours=1))
    record_answer(store, question_id="known", topic="alpha", qtype="single", correct=True, score=1.0, seconds=30,
                  at=now - timedelta(days=3))
    plan = plan_for(store, questions, [], now=now)

    # independently: FSRS without fuzzing, every answer Good, from the card's two answers on
    fsrs = Scheduler(desired_retention=0.9, enable_fuzzing=False)
    card = Card(card_id=1, due=now - timedelta(days=3, hours=1))
    card, _ = fsrs.review_card(card, Rating.Good, now - timedelta(days=3, hours=1))
    card, _ = fsrs.review_card(card, Rating.Good, now - timedelta(days=3))
    expected = Counter()
    moment = max(card.due, now)
    while moment < datetime(2026, 12, 31, 4).astimezone():
        expected[date.fromisoformat(study_day(moment, 4))] += 1
        card, _ = fsrs.review_card(card, Rating.Good, moment)
        moment = max(card.due, moment)
    # and each new question: introduced on its day, then back on the days FSRS says
    new = Scheduler(desired_retention=0.9, enable_fuzzing=False)
    for d in plan.days:
        for _ in range(d.new_total):
            intro = datetime.combine(d.day, datetime.min.time()).astimezone() + timedelta(hours=12)
            c, _ = new.review_card(Card(card_id=2, due=intro), Rating.Good, intro)
            m = c.due
            while m < datetime(2026, 12, 31, 4).astimezone():
                expected[date.fromisoformat(study_day(m, 4))] += 1
                c, _ = new.review_card(c, Rating.Good, m)
                m = c.due
    today_due = 1 if card_due_today(store, now) else 0
    assert plan.days[0].reviews_due == today_due
    for d in plan.days[1:]:
        assert d.reviews_due == expected[d.day], d.day
    assert sum(d.reviews_due for d in plan.days[1:]) > 0


def card_due_today(store, now):
    due = datetime.fromisoformat(store.db.execute("SELECT due FROM cards").fetchone()[0])
    return due < datetime.combine(now.date() + timedelta(days=1), datetime.min.time()).astimezone() + timedelta(hours=4)


def test_new_per_day_sets_the_pace_when_it_is_faster_than_the_plan():
    plan = make_plan(today=TODAY, interview=TODAY + timedelta(days=30), unseen=UNSEEN, exercises_left=[], new_per_day=10)
    assert [d.new_total for d in plan.days if d.new_total] == [10, 10, 10, 9]  # 39 questions at 10 a day
    slow = make_plan(today=TODAY, interview=TODAY + timedelta(days=4), unseen=UNSEEN, exercises_left=[], new_per_day=1)
    assert [d.new_total for d in slow.days] == [13, 13, 13, 0]                  # ceil(39 / 3): the date needs more than 1 a day
