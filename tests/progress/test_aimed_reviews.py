"""Reviews aimed at the interview date: nothing scheduled before the final week crosses the date, the
final week takes those reviews, the plan counts them, and after the date scheduling is FSRS's own."""

from collections import Counter
from datetime import date, datetime, time, timedelta

from fsrs import Card, Rating, Scheduler

from quizprep.progress import ProgressStore
from quizprep.progress.plan import plan_for
from quizprep.progress.reviews import due_keys, record_answer

NOW = datetime(2026, 12, 1, 12).astimezone()
TODAY = date(2026, 12, 1)
DAY_STARTS = 4


def day_of(moment: datetime) -> date:
    """The study day of a moment, rolling over at 04:00 local (written here, not imported)."""
    local = moment.astimezone()
    return (local - timedelta(hours=DAY_STARTS)).date()


def make_store(tmp_path, clock=lambda: NOW):
    return ProgressStore(tmp_path / "p.db", clock=clock, backups=False)


def answer_easy_then_again(store, qid, times):
    """Answer `qid` right and quickly (Easy) at each moment: intervals grow fast."""
    for at in times:
        record_answer(store, question_id=qid, topic="t", qtype="true_false", correct=True, score=1.0, seconds=1, at=at)


def stored(store, qid):
    row = store.db.execute("SELECT data, due FROM cards WHERE ref = ?", (qid,)).fetchone()
    return row["data"], datetime.fromisoformat(row["due"])


def plain_fsrs_due(times, retention=0.9):
    """Where FSRS alone (no fuzz, default learning steps) puts a card answered Easy at each moment."""
    scheduler = Scheduler(desired_retention=retention, enable_fuzzing=False)
    card = Card(card_id=7, due=times[0])
    for at in times:
        card, _ = scheduler.review_card(card, Rating.Easy, at)
    return card.due


def test_with_the_date_ten_days_out_no_review_lands_after_it(tmp_path):
    store = make_store(tmp_path)
    interview = TODAY + timedelta(days=10)
    store.set_interview_date(interview)
    schedules = {f"q{i}": [NOW - timedelta(days=30 - i), NOW] for i in range(20)}  # long intervals: an old card seen again now
    for qid, times in schedules.items():
        answer_easy_then_again(store, qid, times)
    days = []
    for qid, times in schedules.items():
        assert plain_fsrs_due(times) > datetime.combine(interview, time(DAY_STARTS)).astimezone(), "the test needs long intervals"
        _, due = stored(store, qid)
        assert due > NOW
        assert day_of(due) < interview, (qid, due)                        # not later than the date
        assert interview - timedelta(days=7) <= day_of(due), (qid, due)   # and not earlier than the final week
        days.append(day_of(due))
    assert len(set(days)) >= 4  # spread over the final week, not all on one day


def test_a_review_inside_the_final_week_crosses_the_date_by_a_few_days_at_most(tmp_path):
    moment = [NOW]
    store = make_store(tmp_path, clock=lambda: moment[0])
    interview = TODAY + timedelta(days=4)
    store.set_interview_date(interview)
    answer_easy_then_again(store, "q", [NOW - timedelta(days=40), NOW])
    _, due = stored(store, "q")
    assert day_of(due) <= interview + timedelta(days=3)
    assert plain_fsrs_due([NOW - timedelta(days=40), NOW]) > due


def test_a_due_before_the_date_is_left_alone(tmp_path):
    store = make_store(tmp_path)
    store.set_interview_date(TODAY + timedelta(days=60))
    times = [NOW - timedelta(days=1), NOW]
    answer_easy_then_again(store, "q", times)
    assert stored(store, "q")[1] == plain_fsrs_due(times)


def test_after_the_date_and_without_one_intervals_are_fsrs_own(tmp_path):
    times = [NOW - timedelta(days=30), NOW]
    for interview in (None, TODAY - timedelta(days=2), TODAY):
        store = ProgressStore(tmp_path / f"{interview}.db", clock=lambda: NOW, backups=False)
        if interview is not None:
            store.set_interview_date(interview)
        answer_easy_then_again(store, "q", times)
        due = stored(store, "q")[1]
        assert due == plain_fsrs_due(times), interview
        assert (due - NOW).days > 10  # uncapped: the long interval stands
        store.close()


def test_a_card_scheduled_before_the_date_was_set_comes_back_in_time(tmp_path):
    moment = [NOW - timedelta(days=20)]
    store = make_store(tmp_path, clock=lambda: moment[0])
    times = [NOW - timedelta(days=60), NOW - timedelta(days=20)]
    answer_easy_then_again(store, "q", times)
    raw_due = stored(store, "q")[1]
    interview = TODAY + timedelta(days=10)
    assert day_of(raw_due) > interview
    moment[0] = NOW
    store.set_interview_date(interview)
    card_id = Card.from_json(stored(store, "q")[0]).card_id
    aimed_day = interview - timedelta(days=1 + card_id % 7)
    assert "q" not in dict(due_keys(store, "question", NOW))
    on_the_day = datetime.combine(aimed_day, time(DAY_STARTS, 1)).astimezone()
    assert "q" in dict(due_keys(store, "question", on_the_day))
    assert "q" not in dict(due_keys(store, "question", on_the_day - timedelta(minutes=2)))


def test_the_plan_counts_the_reviews_aimed_at_the_date(tmp_path):
    store = make_store(tmp_path)
    interview = date(2026, 12, 31)
    store.set_interview_date(interview)
    store.set_setting("new_per_day", "0")
    first, second = NOW - timedelta(days=3, hours=1), NOW - timedelta(days=3)
    record_answer(store, question_id="known", topic="alpha", qtype="single", correct=True, score=1.0, seconds=30, at=first)
    record_answer(store, question_id="known", topic="alpha", qtype="single", correct=True, score=1.0, seconds=30, at=second)
    plan = plan_for(store, [("known", "alpha")], [], now=NOW)

    # independently: FSRS without fuzz, every later answer Good; a due on or after the interview day
    # moves to the start of day (interview - 1 - id % 7), or the day after the review if later
    fsrs = Scheduler(desired_retention=0.9, enable_fuzzing=False)
    card = Card(card_id=Card.from_json(stored(store, "known")[0]).card_id, due=first)
    card, _ = fsrs.review_card(card, Rating.Good, first)
    card, _ = fsrs.review_card(card, Rating.Good, second)

    def aimed(c):
        def start(day):
            return datetime.combine(day, time(DAY_STARTS)).astimezone()

        if day_of(c.due) < interview:
            return c.due
        if day_of(c.last_review) >= interview - timedelta(days=7):  # reviewed in the final week: a few days' grace
            return min(c.due, start(interview + timedelta(days=3)))
        return min(c.due, start(max(interview - timedelta(days=1 + c.card_id % 7), day_of(c.last_review) + timedelta(days=1))))

    expected = Counter()
    moment = max(aimed(card), NOW)
    end = datetime.combine(interview, time(DAY_STARTS)).astimezone()
    while moment < end:
        expected[day_of(moment)] += 1
        card, _ = fsrs.review_card(card, Rating.Good, moment)
        moment = max(aimed(card), moment)
    final_week = [d for d in plan.days if d.day >= interview - timedelta(days=7)]
    assert sum(d.reviews_due for d in final_week) >= 1  # the review that FSRS alone puts after the date
    for d in plan.days[1:]:
        assert d.reviews_due == expected[d.day], d.day


def test_the_plan_brings_every_question_learned_before_the_final_week_back_in_it(tmp_path):
    # a question learned before the final week has a review in that week: its next due either falls
    # there or after the date, and then it is brought there; FSRS alone would let long intervals cross
    store = make_store(tmp_path)
    interview = TODAY + timedelta(days=30)
    store.set_interview_date(interview)
    store.set_setting("new_per_day", "0")
    questions = [(f"n{i}", "beta") for i in range(46)]
    plan = plan_for(store, questions, [], now=NOW)
    final_week = [d for d in plan.days if d.day >= interview - timedelta(days=7)]
    assert len(final_week) == 7 and sum(d.new_total for d in final_week) == 0
    learned = sum(d.new_total for d in plan.days)
    assert learned == 46
    assert sum(d.reviews_due for d in final_week) >= learned
