"""The home screen's plan lines and its new-question figure tell one number, and a review from the app mixes topics."""

import itertools
import math
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest

from quizprep.progress import ProgressStore
from quizprep.progress.reviews import record_answer
from quizprep.tui.app import QuizprepApp
from quizprep.tui.screens.quiz import QuizScreen

from .conftest import fixture_services, workers_done

NOW = datetime(2026, 12, 1, 12, 0).astimezone()  # local noon, inside the study day that starts at 4 am
TOPICS = {"activations": 14, "losses": 5, "optim": 5}


def bank(topic: str, n: int) -> str:
    items = "".join(f"  - id: {topic}-{i}\n    type: true_false\n    difficulty: 1\n    prompt: Statement {i} about {topic}.\n"
                    f"    answer: true\n    explanation: It holds.\n" for i in range(n))
    return f"topic: {topic}\ntitle: {topic.title()}\nquestions:\n{items}"


@pytest.fixture
def banks(tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    for topic, n in TOPICS.items():
        (folder / f"{topic}.yaml").write_text(bank(topic, n))
    return folder


def make_app(banks):
    return QuizprepApp(fixture_services([banks], clock=lambda: NOW.astimezone(UTC)), animate=False)


def store():
    return ProgressStore(clock=lambda: NOW.astimezone(UTC), backups=False)


async def figures(pilot) -> str:
    await pilot.pause(0.2)
    await workers_done(pilot.app)  # an exclusive refresh may cancel the one before it
    await pilot.pause(0.1)
    return str(pilot.app.screen.query_one("#today-figures").render())


async def test_todays_plan_and_new_questions_left_are_one_number_that_holds(banks):
    s = store()
    s.set_setting("new_per_day", "1")
    s.set_interview_date(date(2026, 12, 11))   # 10 study days, new material on the first 8
    share = math.ceil(sum(TOPICS.values()) / 8)
    app = make_app(banks)
    async with app.run_test(size=(100, 32)) as pilot:
        text = await figures(pilot)
        assert f"Today's plan: {share} new questions over 3 topics" in text
        assert f"New questions left:  {share} today" in text
        for qid in ("activations-0", "losses-0"):
            record_answer(s, question_id=qid, topic=qid.split("-")[0], qtype="true_false", correct=True, score=1.0, seconds=30)
        app.screen.refresh_figures()
        text = await figures(pilot)
        assert f"Today's plan: {share} new questions over 3 topics ({share - 2} left)" in text   # the day's share holds
        assert f"New questions left:  {share - 2} today" in text


async def test_a_review_from_home_serves_the_days_mix_with_topics_interleaved(banks):
    s = store()
    s.set_setting("new_per_day", "12")
    app = make_app(banks)
    async with app.run_test(size=(100, 32)) as pilot:
        await figures(pilot)
        await pilot.press("r")
        await pilot.pause(0.2)
        assert isinstance(app.screen, QuizScreen)
        topics = [item.question.topic for item in app.screen.session.items]
        assert Counter(topics) == {"activations": 4, "losses": 4, "optim": 4}   # 12 new, one topic after another in turn
        assert max(len(list(g)) for _, g in itertools.groupby(topics)) == 1


async def test_a_far_interview_date_already_saved_is_reported_and_the_screen_still_comes_up(banks):
    s = store()
    s.set_interview_date(date(9999, 12, 31))
    app = make_app(banks)
    async with app.run_test(size=(100, 32)) as pilot:
        text = await figures(pilot)
        assert "more than a year away" in text and "New questions left:  20 today" in text


async def test_a_passed_interview_date_says_so(banks):
    s = store()
    s.set_interview_date(NOW.date() - timedelta(days=3))
    app = make_app(banks)
    async with app.run_test(size=(100, 32)) as pilot:
        text = await figures(pilot)
        assert "has passed" in text and "good luck" not in text


async def test_reviews_due_now_and_later_today_add_up_to_the_plans_reviews_for_today(banks):
    s = store()
    s.set_interview_date(date(2026, 12, 20))
    # answered wrong: each comes back after a 10-minute relearning step
    record_answer(s, question_id="losses-0", topic="losses", qtype="true_false", correct=False, score=0.0, seconds=30,
                  at=(NOW - timedelta(hours=1)).astimezone(UTC))
    record_answer(s, question_id="optim-0", topic="optim", qtype="true_false", correct=False, score=0.0, seconds=30,
                  at=NOW.astimezone(UTC))
    app = make_app(banks)
    async with app.run_test(size=(100, 32)) as pilot:
        text = await figures(pilot)
        assert "Due for review:      1 now, 1 more later today" in text
        assert app.services.today().plan.today_plan.reviews_due == 2


async def test_a_named_mistake_says_on_home_which_questions_wait():
    from pathlib import Path

    from quizprep.grading import find_exercise, grade
    from quizprep.services import Services
    from quizprep.tui.app import QuizprepApp

    services = Services()
    wrong = Path(__file__).parents[1] / "grading" / "submissions" / "linear" / "wrong_db_mean.py"
    services.record_grade("linear", grade(find_exercise("linear"), wrong))
    expected = services.mistake_reasons()
    assert expected and "linear" in expected[0]  # the core's line, which home must show
    app = QuizprepApp(services, animate=False)
    async with app.run_test(size=(120, 40)) as pilot:
        text = await figures(pilot)
        assert expected[0].split(":")[0] in text and "↳" in text
