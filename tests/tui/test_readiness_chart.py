"""The progress screen's readiness chart: drawn at 80x24 with the projection to the interview date next to
the readiness reached so far, absent without a date, and plotext is not loaded before the screen opens."""

import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from quizprep.progress import ProgressStore
from quizprep.progress.reviews import record_answer
from quizprep.tui.app import QuizprepApp
from quizprep.tui.widgets.readiness_chart import chart_series, tick_days

from .conftest import fixture_services, workers_done

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


@pytest.fixture
def dated_app(bank_dir, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    store = ProgressStore(clock=lambda: NOW)
    for days, qid in [(6, "d-single"), (3, "d-tf"), (1, "d-numeric"), (0, "d-short")]:
        record_answer(store, question_id=qid, topic="demo", qtype="single", correct=True, score=1.0, seconds=20,
                      at=NOW - timedelta(days=days, hours=1))
    store.close()
    return QuizprepApp(fixture_services([bank_dir], clock=lambda: NOW), animate=False)


async def open_progress(app, pilot):
    await pilot.pause()
    app.action_progress()
    await pilot.pause(0.2)
    await workers_done(app)
    await pilot.pause(0.2)


async def test_the_chart_shows_the_projection_to_the_date_next_to_the_readiness_so_far(dated_app):
    ProgressStore(clock=lambda: NOW).set_interview_date((NOW + timedelta(days=8)).date())
    async with dated_app.run_test(size=(80, 24)) as pilot:
        await open_progress(dated_app, pilot)
        chart = dated_app.screen.query_one("#readiness-chart")
        assert chart.region.height == 13 and chart.region.width >= 70  # all of it on the first screen at 80x24
        assert chart.region.bottom <= 23
        readiness = dated_app.services.readiness()
        hx, hy, px, py = chart_series(readiness)
        assert hx[-1] == 0 and px[0] == 0 and px[-1] == 7  # so far ends today; the plan runs to the day before the date
        assert len(hx) == 7 and len(px) == 8  # six days of history and today; today and the seven days after
        lines = [chart.render_line(y).text for y in range(chart.region.height)]
        text = "\n".join(lines)
        for label in ("today", "+7", "-6", "100%", "0%", "so far", "plan followed"):
            assert label in text, label
        words = str(dated_app.screen.query_one("#readiness-text").render())
        assert f"{readiness.overall:.0%} if you stopped now" in words
        assert f"{readiness.projected_overall:.0%} if you follow the plan" in words


async def test_without_a_date_there_is_no_chart(dated_app):
    async with dated_app.run_test(size=(80, 24)) as pilot:
        await open_progress(dated_app, pilot)
        assert not dated_app.screen.query("#readiness-chart")
        assert not dated_app.screen.query_one("#readiness-box").display


def test_ticks_hold_the_ends_and_today():
    assert tick_days(-20, 9) == sorted(set(tick_days(-20, 9)))
    ticks = tick_days(-20, 9)
    assert ticks[0] == -20 and ticks[-1] == 9 and 0 in ticks and len(ticks) <= 7
    assert tick_days(0, 0) == [0] and tick_days(0, 3)[-1] == 3


def test_plotext_is_not_loaded_by_the_app_before_the_progress_screen():
    code = ("import sys; import quizprep.tui.app, quizprep.tui.screens.home, quizprep.tui.screens.progress; "
            "print('textual_plotext' in sys.modules, 'plotext' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]
