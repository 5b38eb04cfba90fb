"""Readiness on the home screen: with an interview date, one number for the interview day (checked against
FSRS's forgetting curve computed here from the stored cards) and the least ready topics; none without a
date; once the date has passed, d asks for the next date or none."""

import json
from datetime import UTC, datetime, time, timedelta

import pytest
from fsrs.scheduler import DEFAULT_PARAMETERS

from quizprep.progress import ProgressStore
from quizprep.progress.reviews import record_answer
from quizprep.tui.app import QuizprepApp
from quizprep.tui.screens.interview_date import InterviewDateScreen

from .conftest import fixture_services, workers_done

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
QUESTIONS = 7  # in the fixture bank


@pytest.fixture
def dated_app(bank_dir, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    return QuizprepApp(fixture_services([bank_dir], clock=lambda: NOW), animate=False)


def answered(days_ago: list[tuple[int, str, bool]]) -> None:
    store = ProgressStore(clock=lambda: NOW)
    for days, qid, correct in days_ago:
        record_answer(store, question_id=qid, topic="demo", qtype="single", correct=correct, score=float(correct), seconds=20,
                      at=NOW - timedelta(days=days, hours=1))
    store.close()


def forgetting_curve_mean(interview) -> float:
    """Mean recall over the bank at noon on the interview day, from FSRS-6's curve R = (1 + f t / S)^-d
    (t whole days since the last review) with the library's default decay d, f = 0.9^(-1/d) - 1; an unseen
    question recalls nothing."""
    decay = DEFAULT_PARAMETERS[20]
    factor = 0.9 ** (-1 / decay) - 1
    at = datetime.combine(interview, time(12), tzinfo=UTC)
    total = 0.0
    for row in ProgressStore().db.execute("SELECT data FROM cards WHERE kind = 'question'"):
        card = json.loads(row["data"])
        days = (at - datetime.fromisoformat(card["last_review"])).days  # FSRS counts whole days elapsed
        total += (1 + factor * max(days, 0) / card["stability"]) ** -decay
    return total / QUESTIONS


def today_text(app) -> str:
    return str(app.screen.query_one("#today-figures").render())


async def settle(pilot) -> None:
    await pilot.pause(0.2)
    await workers_done(pilot.app)
    await pilot.pause(0.1)


async def test_with_a_date_home_shows_the_readiness_the_forgetting_curve_gives(dated_app):
    answered([(0, "d-single", True), (1, "d-numeric", True), (3, "d-short", True), (8, "d-single", True), (2, "d-tf", False)])
    interview = (NOW + timedelta(days=10)).date()
    ProgressStore(clock=lambda: NOW).set_interview_date(interview)
    expected = forgetting_curve_mean(interview)
    assert 0.05 < expected < 0.9  # a number that means something, not 0 or 1 by accident
    async with dated_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = today_text(dated_app)
        core = dated_app.services.readiness()
        assert abs(core.overall - expected) < 1e-3
        assert f"Readiness:           {core.overall:.0%} on the day" in shown
        assert f"{expected:.0%} on the day" in shown
        assert "Least ready:" in shown and f"Demo topic {core.topics['demo']:.0%}" in shown


async def test_without_a_date_there_is_no_readiness_and_d_sets_one(dated_app):
    answered([(0, "d-single", True)])
    async with dated_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Readiness" not in today_text(dated_app) and "d: your interview date" in today_text(dated_app)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(dated_app.screen, InterviewDateScreen)
        await pilot.press(*"2026-11-19", "enter")  # before today: refused, said why
        await pilot.pause()
        assert isinstance(dated_app.screen, InterviewDateScreen)
        assert "not after today" in str(dated_app.screen.query_one("#date-hint").render())
        await pilot.press(*["backspace"] * 10, *"2026-12-04", "enter")
        await settle(pilot)
        assert not isinstance(dated_app.screen, InterviewDateScreen)
        assert "Readiness:" in today_text(dated_app)
    assert str(ProgressStore().interview_date()) == "2026-12-04"


async def test_after_the_date_has_passed_home_asks_for_the_next_or_none(dated_app):
    answered([(0, "d-single", True)])
    ProgressStore(clock=lambda: NOW).set_interview_date((NOW - timedelta(days=2)).date())
    async with dated_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert dated_app.services.readiness() is None
        text = today_text(dated_app)
        assert "has passed" in text and "d: the next date, or none" in text and "Readiness" not in text
        await pilot.press("d")
        await pilot.pause()
        assert "has passed" in str(dated_app.screen.query_one("Static").render())
        await pilot.press(*"none", "enter")
        await settle(pilot)
        text = today_text(dated_app)
        assert "has passed" not in text and "d: your interview date" in text
        await pilot.press("d")
        await pilot.pause()
        await pilot.press(*"2026-12-20", "enter")
        await settle(pilot)
        assert "30 days to your interview" in today_text(dated_app) and "Readiness:" in today_text(dated_app)
