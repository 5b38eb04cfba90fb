"""A full mock interview in the app with a fake clock: answers, a grade, time running out, and the
stored report checked against a count kept by the test itself."""

from pathlib import Path

from quizprep.progress import ProgressStore
from quizprep.progress.interviews import history
from quizprep.tui.screens.interview import InterviewScreen
from quizprep.tui.screens.interview_report import InterviewReportScreen

from .test_quiz_screen import ANSWERERS
from .test_screens import wait_for

ROOT = Path(__file__).resolve().parents[2]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_a_mock_interview_from_start_to_report(app):
    clock = FakeClock()
    async with app.run_test(size=(80, 24)) as pilot:
        session = app.services.new_interview(20, seed=11, clock=clock)
        kinds = [i.kind for i in session.items]
        assert kinds.count("exercise") == 1 and kinds.count("question") >= 3
        explain = sum(1 for i in session.items if i.kind == "question" and i.item.question.type == "explain")
        assert explain * 3 >= kinds.count("question")  # at least a third are explain questions
        app.push_screen(InterviewScreen(session, topic_of_exercise={e.id: e.topic for e in app.services.exercises}))
        await pilot.pause()
        screen = app.screen
        expected_right = 0
        answered = 0
        stop_after = len(session.items) - 1  # leave the last item for the clock to run out on
        while len(session.results) < stop_after:
            entry = session.current
            clock.now += 30
            if entry.kind == "question":
                right = answered % 2 == 0  # alternate right and wrong answers
                await ANSWERERS[entry.item.question.id](pilot, screen, right)
                await pilot.pause()
                expected_right += right
            else:
                ex = app.services.exercise(entry.exercise)
                await wait_for(pilot, lambda: screen.exercise_path is not None and screen.exercise_path.exists())
                screen.exercise_path.write_text(ex.solution.read_text())
                await pilot.press("ctrl+g")
                await wait_for(pilot, lambda entry=entry: session.current is not entry, timeout=60)
                expected_right += 1
            answered += 1
        assert "left" in str(screen.query_one("#countdown").render())
        clock.now += 20 * 60  # time runs out on the last item
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewReportScreen), timeout=5)
        await pilot.pause(0.3)  # let the report screen finish mounting before the app shuts down
        assert any("Mock interview:" in str(w.render()) for w in app.screen.query("Static"))
    stored = history(ProgressStore())
    assert len(stored) == 1
    report = stored[0]["report"]
    assert report["total"] == len(session.items) and report["right"] == expected_right
    assert report["timed_out"] is True
    assert sum(1 for item in report["items"] if not item["answered"]) == len(session.items) - answered
    assert sum(b for _, b in report["by_topic"].values()) == len(session.items)
    assert [i["status"] for i in report["items"] if i["kind"] == "exercise"] == ["pass"]
    assert len(report["work_on"]) >= 1


async def test_ending_early_asks_first(app):
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(InterviewScreen(app.services.new_interview(20, seed=2, clock=FakeClock())))
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause(0.3)
        assert isinstance(app.screen, InterviewReportScreen)
    assert len(history(ProgressStore())) == 1
