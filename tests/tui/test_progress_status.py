"""The progress screen names each exercise's status in the words the exercise list and `quizprep list` use."""

from quizprep.grading.status import FAILING, NOT_STARTED, PASSED, PASSED_RESET
from quizprep.grading.workspace import workspace_file
from quizprep.progress import ProgressStore
from quizprep.progress.reviews import record_exercise_grade
from quizprep.tui.screens.exercises import ExercisesScreen
from quizprep.tui.screens.progress import ProgressScreen

from .test_screens import wait_for


def rows(screen, selector) -> int:
    """Rows the screen's table holds so far (0 while it is still being built)."""
    tables = list(screen.query(selector).results())
    return tables[0].row_count if tables else 0


async def test_progress_and_the_exercise_list_say_the_same_status_words(app):
    services = app.services
    relu, softmax, adam = (services.exercise(name) for name in ("relu_grad", "softmax", "adam"))
    store = ProgressStore()
    workspace_file(relu).write_text(relu.solution.read_text())
    record_exercise_grade(store, "relu_grad", "pass", 9, 9, 0.2)
    workspace_file(softmax).write_text("def softmax(z):\n    return z\n")
    record_exercise_grade(store, "softmax", "pass", 5, 5, 0.2)
    record_exercise_grade(store, "softmax", "fail", 2, 5, 0.2)  # passed once, then broken: failing now
    record_exercise_grade(store, "adam", "pass", 4, 4, 0.2)
    workspace_file(adam).write_text(adam.stub.read_text())  # passed, then reset to the stub
    expected = {"relu_grad": PASSED, "softmax": FAILING, "adam": PASSED_RESET}
    async with app.run_test(size=(100, 32)) as pilot:
        app.action_progress()
        await wait_for(pilot, lambda: isinstance(app.screen, ProgressScreen) and rows(app.screen, "#exercise-stats") == len(services.exercises))
        table = app.screen.query_one("#exercise-stats")
        shown = {str(table.get_row_at(i)[0]): str(table.get_row_at(i)[1]) for i in range(table.row_count)}
        assert shown == expected
        await pilot.press("escape")
        app.action_exercises()
        await wait_for(pilot, lambda: isinstance(app.screen, ExercisesScreen) and rows(app.screen, "DataTable") == len(services.exercises))
        table = app.screen.query_one("DataTable")
        listed = {str(table.get_row_at(i)[2]): str(table.get_row_at(i)[1]) for i in range(table.row_count)}
        assert all(listed[name].endswith(word) for name, word in expected.items()), listed
    assert NOT_STARTED not in shown.values()
