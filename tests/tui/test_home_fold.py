"""At 80x24 the home screen's Today panel holds more than fits (20 topics' names, a plan, readiness):
what is below the fold is reached with the keyboard."""

import html
import re
from datetime import date, timedelta

from quizprep.progress import ProgressStore
from quizprep.services import Services
from quizprep.tui.app import QuizprepApp
from quizprep.tui.screens.home import HomeScreen

from .test_home_plan import figures


def shown(app) -> str:
    """The text the terminal shows now, from the app's own screenshot."""
    spans = re.findall(r"<text[^>]*>(.*?)</text>", app.export_screenshot())
    return " ".join(html.unescape(s).replace("\xa0", " ") for s in spans)


async def test_the_figures_below_the_fold_are_reached_with_the_keyboard():
    ProgressStore().set_interview_date(date.today() + timedelta(days=18))
    app = QuizprepApp(Services(), animate=False)  # the built-in banks: the longest Today panel there is
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        text = await figures(pilot)
        assert "Today's plan" in text and "Exercises passed" in text
        assert "Today's plan" in shown(app) and "Exercises passed" not in shown(app)  # it does not all fit
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause(0.2)
        assert "Exercises passed" in shown(app) and "New questions left" in shown(app)
        await pilot.press("home")
        await pilot.pause(0.2)
        assert "Today's plan" in shown(app)
        await pilot.press("p")  # the home keys still work with the panel focused
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "ProgressScreen"
