"""Study plan arithmetic with a fixed today: everything is covered before the interview date."""

import math
import re
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


def test_new_per_day_sets_the_pace_when_it_is_faster_than_the_plan():
    plan = make_plan(today=TODAY, interview=TODAY + timedelta(days=30), unseen=UNSEEN, exercises_left=[], new_per_day=10)
    assert [d.new_total for d in plan.days if d.new_total] == [10, 10, 10, 9]  # 39 questions at 10 a day
    slow = make_plan(today=TODAY, interview=TODAY + timedelta(days=4), unseen=UNSEEN, exercises_left=[], new_per_day=1)
    assert [d.new_total for d in slow.days] == [13, 13, 13, 0]                  # ceil(39 / 3): the date needs more than 1 a day


# -- the `plan` verb, as a learner types it -------------------------------------------------------------------------------

def _cli(capsys, *argv):
    from quizprep.cli import main

    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _today():
    from quizprep.progress.scheduler import study_day

    store = ProgressStore(backups=False)
    day = date.fromisoformat(study_day(store.clock(), store.settings().day_starts_hour))
    store.close()
    return day


def _saved_date():
    store = ProgressStore(backups=False)
    try:
        return store.interview_date()
    finally:
        store.close()


@pytest.mark.parametrize("offset, message", [(-1, "is not after today"), (0, "is not after today"),
                                             (366, "more than 365 days ahead")])
def test_plan_refuses_a_past_today_or_far_date_and_keeps_the_saved_one(capsys, offset, message):
    today = _today()
    good = today + timedelta(days=30)
    assert _cli(capsys, "plan", "--date", good.isoformat())[0] == 0
    code, out, err = _cli(capsys, "plan", "--date", (today + timedelta(days=offset)).isoformat())
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err and "saved date is unchanged" in err and "Traceback" not in err
    assert _saved_date() == good


def test_plan_refuses_the_year_9999_at_once(capsys):
    import time

    started = time.perf_counter()
    code, _, err = _cli(capsys, "plan", "--date", "9999-12-31")
    assert code == 2 and "more than 365 days ahead" in err and _saved_date() is None
    assert time.perf_counter() - started < 5


def test_a_far_date_saved_before_dates_were_checked_is_reported_not_planned(capsys):
    import time

    store = ProgressStore(backups=False)
    store.set_interview_date(date(9999, 12, 31))
    store.close()
    started = time.perf_counter()
    code, out, _ = _cli(capsys, "plan")
    assert code == 0 and "more than a year ahead" in out and "plan --date" in out
    code, out, _ = _cli(capsys, "stats")
    assert code == 0 and "new questions today: 20 left of 20" in out   # the learner's own pace meanwhile
    assert time.perf_counter() - started < 10


def _day_blocks(out: str) -> list[str]:
    """The plan's day entries, each with its wrapped continuation lines joined back on."""
    blocks: list[str] = []
    for line in out.splitlines():
        if re.match(r"  [A-Z][a-z]{2} \d{2} [A-Z][a-z]{2}  ", line):
            blocks.append(line)
        elif blocks and line.startswith(" " * 14) and line.strip():
            blocks[-1] += " " + line.strip()
    return blocks


def test_a_long_plan_says_what_it_does_not_show_and_all_shows_every_day(capsys):
    days = 40
    interview = _today() + timedelta(days=days)
    code, out, _ = _cli(capsys, "plan", "--date", interview.isoformat())
    day_lines = _day_blocks(out)
    mock_days = days - math.ceil(days * 0.75)                      # the last quarter is for review and mock interviews
    assert code == 0 and len(day_lines) == 14
    assert f"… {days - 14} more day(s) to {interview - timedelta(days=1):%a %d %b}, {mock_days} with a mock interview" in out
    assert "plan --all" in " ".join(out.split())  # the hint may be wrapped to the terminal
    code, out, _ = _cli(capsys, "plan", "--all")
    day_lines = _day_blocks(out)
    assert len(day_lines) == days and sum("a mock interview" in line for line in day_lines) == mock_days
    assert "more day" not in out
    code, out, _ = _cli(capsys, "plan", "--days", "3")
    assert len(_day_blocks(out)) == 3
    assert "~" in out and "reviews" in out


def test_plan_review_and_stats_tell_the_same_number_of_new_questions(capsys, monkeypatch):
    import io
    import json

    from quizprep.bank import load_banks
    from quizprep.paths import bank_paths

    store = ProgressStore(backups=False)
    store.set_setting("new_per_day", "1")
    store.close()
    _cli(capsys, "plan", "--date", (_today() + timedelta(days=20)).isoformat())
    plan = json.loads(_cli(capsys, "plan", "--json")[1])
    allowance = plan["days"][0]
    total = sum(allowance["new_by_topic"].values())
    questions = load_banks(bank_paths()).questions
    assert total == math.ceil(len(questions) / math.ceil(20 * 0.75)) > 1    # the plan raises the slow pace of 1 a day
    store = ProgressStore(backups=False)
    for q in questions[:2]:  # two questions started in a topic quiz
        record_answer(store, question_id=q.id, topic=q.topic, qtype=q.type, correct=True, score=1.0, seconds=30)
    store.close()
    plan = json.loads(_cli(capsys, "plan", "--json")[1])
    stats = json.loads(_cli(capsys, "stats", "--json")[1])
    assert sum(plan["days"][0]["new_by_topic"].values()) == total              # the day's share holds
    assert plan["new_today"] == stats["new_today"] == {"allowance": total, "started": 2, "left": total - 2}
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    out = _cli(capsys, "review")[1]
    assert f"new questions today: {total - 2} left of {total}" in out


def test_a_passed_interview_date_is_not_wished_good_luck(capsys):
    store = ProgressStore(backups=False)
    store.set_interview_date(_today() - timedelta(days=2))
    store.close()
    code, out, _ = _cli(capsys, "plan")
    assert code == 0 and "has passed" in out and "good luck" not in out
    store = ProgressStore(backups=False)
    store.set_interview_date(_today())
    store.close()
    assert "good luck" in _cli(capsys, "plan")[1]


def test_the_plan_fits_an_80_column_terminal_and_keeps_each_topic_with_its_count(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = _cli(capsys, "plan", "--date", (_today() + timedelta(days=30)).isoformat())
    assert code == 0 and max(len(line) for line in out.splitlines()) <= 79
    for line in out.splitlines():
        assert not re.match(r"\s+\d", line), f"a count was wrapped away from its topic: {line!r}"
