"""Grading from the exercise screen when a person is quick: two grades at once, or leaving mid-grade."""

from quizprep.grading.workspace import workspace_file
from quizprep.progress import ProgressStore
from quizprep.tui.screens.exercise import ExerciseScreen

from .conftest import workers_done
from .test_screens import wait_for


def grades() -> list[str]:
    return [r[0] for r in ProgressStore().db.execute("SELECT status FROM grades WHERE exercise_id = 'relu_grad' ORDER BY id")]


async def test_grading_twice_at_once_gives_two_real_grades(app):
    exercise = app.services.exercise("relu_grad")
    workspace_file(exercise).write_text(exercise.solution.read_text())
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ExerciseScreen(exercise))
        await pilot.pause()
        await pilot.press("ctrl+s", "ctrl+s", "ctrl+s")  # a newer grade may replace one not started yet
        await wait_for(pilot, lambda: "all checks pass" in str(app.screen.query_one("#grade-line").render()), timeout=60)
        await workers_done(app)
        await pilot.pause(0.2)
        assert app._exception is None
    assert grades() and set(grades()) == {"pass"}  # never "error": the grades did not share the grader's channel


async def test_leaving_while_a_grade_runs_keeps_the_app_standing(app):
    exercise = app.services.exercise("relu_grad")
    slow = "import time\n" + exercise.solution.read_text().replace("def relu_grad(x):", "def relu_grad(x):\n    time.sleep(0.05)", 1)
    workspace_file(exercise).write_text(slow)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ExerciseScreen(exercise))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause(0.5)  # the grade is under way in its worker
        await pilot.press("escape", "escape")  # out of the editor, then off the screen
        await pilot.pause(4)  # long enough for the grade to end
        assert app._exception is None and type(app.screen).__name__ == "HomeScreen"
    assert grades() in ([], ["pass"])  # a grade that ran is a real one, never "error" from a closed channel
