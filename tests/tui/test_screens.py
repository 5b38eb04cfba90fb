"""Pilot tests for home, exercises (grade pass/fail, reset, hint) and progress with a fixture history."""

import re
from datetime import UTC, datetime, timedelta

from textual.content import Content

from quizprep.grading.workspace import workspace_file
from quizprep.progress import ProgressStore
from quizprep.progress.reviews import record_answer, record_exercise_grade
from quizprep.tui.screens.exercise import ExerciseScreen
from quizprep.tui.screens.exercises import ExercisesScreen
from quizprep.tui.screens.home import HomeScreen
from quizprep.tui.screens.progress import ProgressScreen

from .conftest import FIXTURE_EXERCISES, fixture_services

WRONG = "import numpy as np\n\n\ndef relu_grad(x):\n    return (x >= 0).astype(float)\n"  # the slope at 0 taken as 1


async def wait_for(pilot, condition, timeout: float = 30.0) -> None:
    waited = 0.0
    while not condition():
        await pilot.pause(0.1)
        waited += 0.1
        assert waited < timeout, "timed out waiting for the screen"


def text_of(screen, selector) -> str:
    return str(screen.query_one(selector).render())


async def test_home_first_run_is_friendly_and_shows_the_ways_in(app):
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        await wait_for(pilot, lambda: "Due for review" in text_of(home, "#today-figures"))
        today = text_of(home, "#today-figures")
        assert "Welcome to quizprep" in today and "New questions left:  7 today" in today  # new_per_day is 20; the bank holds 7
        assert "7 questions in 1 topic" in today
        assert "not studied yet" in text_of(home, "#next-topics")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExercisesScreen)


async def test_home_reports_banks_that_were_skipped(app, bank_dir):
    (bank_dir / "broken.yaml").write_text("topic: broken\ntitle: [unclosed\n")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: "problem" in text_of(app.screen, "#skipped"))
        assert "broken.yaml" in text_of(app.screen, "#skipped")


async def test_exercise_list_shows_status(app):
    store = ProgressStore()
    relu = app.services.exercise("relu_grad")
    workspace_file(relu).write_text(relu.solution.read_text())  # the copy that passed (the stub again would be "passed, reset")
    record_exercise_grade(store, "relu_grad", "pass", 9, 9, 0.2)
    record_exercise_grade(store, "softmax", "fail", 1, 9, 0.2)
    async with app.run_test(size=(100, 30)) as pilot:
        app.action_exercises()
        await pilot.pause()
        table = app.screen.query_one("DataTable")
        await wait_for(pilot, lambda: table.row_count == len(app.services.exercises))
        rows = {table.get_row_at(i)[2]: table.get_row_at(i)[1] for i in range(table.row_count)}
        assert rows["relu_grad"] == "✓ passed" and rows["softmax"] == "✗ failing" and rows["adam"] == "· not started"


async def test_grade_failing_then_passing_on_save_then_reset(app):
    exercise = app.services.exercise("relu_grad")
    path = workspace_file(exercise)
    path.write_text(WRONG)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ExerciseScreen(exercise))
        await pilot.pause()
        screen = app.screen
        assert screen.editor.text == WRONG  # the learner's file, in the editor
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "not yet" in text_of(screen, "#grade-line"))
        result = text_of(screen, "#grade-result Static")
        passed, total = map(int, re.search(r"(\d+)/(\d+) checks", result).groups())
        assert passed == total - 1 and "likely mistake: the gradient at x == 0 should be 0" in result  # only x == 0 is wrong
        path.write_text((FIXTURE_EXERCISES / "relu_grad" / "solution.py").read_text())  # saved from another editor: loaded, re-graded
        await wait_for(pilot, lambda: "all checks pass" in text_of(screen, "#grade-line"))
        assert ProgressStore().ever_passed("relu_grad") and "return (x > 0)" in screen.editor.text
        await pilot.press("ctrl+o")  # to the instructions: letters are keys again
        await pilot.press("h")
        await pilot.pause()
        assert f"hint 1/{len(exercise.hints)}" in text_of(screen, "#hints")
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert path.read_text() == exercise.stub.read_text() == screen.editor.text
        backups = list(path.parent.glob("backups/relu_grad-*.py"))
        assert len(backups) == 1 and "return (x > 0)" in backups[0].read_text()


async def test_timeout_shows_as_one(app, tmp_path):
    exercise = app.services.exercise("relu_grad")
    workspace_file(exercise).write_text("def relu_grad(x):\n    while True:\n        pass\n")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ExerciseScreen(exercise)
        app.push_screen(screen)
        await pilot.pause()
        screen.grader_timeout = 1.5
        await pilot.press("ctrl+s")
        await pilot.press(*"# typing while it grades")
        assert screen.editor.text.startswith("# typing while it grades")  # the editor stays responsive
        await wait_for(pilot, lambda: "timed out" in text_of(screen, "#grade-line"), timeout=60)
        assert app.screen is screen  # the UI stayed responsive and on the same screen


async def test_progress_with_a_fixture_history(app):
    store = ProgressStore()
    now = datetime.now(UTC)
    history = [(0, "d-single", True), (0, "d-tf", False), (1, "d-numeric", True), (9, "d-short", True)]
    for days, qid, correct in history:
        record_answer(store, question_id=qid, topic="demo", qtype="single", correct=correct, score=float(correct), seconds=20,
                      at=now - timedelta(days=days))
    record_exercise_grade(store, "relu_grad", "pass", 9, 9, 0.2)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_progress()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        await wait_for(pilot, lambda: "answers" in text_of(screen, "#progress-top"))
        assert "4 answers" in text_of(screen, "#progress-top") and f"exercises 1/{len(app.services.exercises)} passed" in text_of(screen, "#progress-top")
        topic_row = screen.query_one("#topic-table").get_row_at(0)
        assert topic_row[0] == "Demo topic" and topic_row[3].strip() == "75%" and topic_row[5] == "4/7"
        assert sum(screen.query_one("#per-day").data) == 4
        heat = text_of(screen, "#heatmap")
        assert "(4 answers)" in heat and "█" in heat


async def test_command_palette_lists_actions_topics_and_exercises(app):
    async with app.run_test(size=(80, 24)) as pilot:
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Review", "Quiz by topic", "Exercises", "Progress", "Help", "Toggle light/dark"} <= set(commands)
        assert "Quiz: Demo topic" in commands and "Exercise: relu_grad" in commands and "Exercise: softmax" in commands
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Exercise: adam")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.5)
        assert type(app.screen).__name__ == "ExerciseScreen" and app.screen.exercise.id == "adam"


async def test_theme_toggle_and_help(app):
    async with app.run_test(size=(80, 24)) as pilot:
        first = app.theme
        await pilot.press("ctrl+t")
        assert app.theme != first and app.theme in ("textual-light", "textual-dark")
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_damaged_progress_file_is_reported_once_and_the_app_works(app, quizprep_home):
    (quizprep_home / "progress.db").write_bytes(b"definitely not sqlite" * 50)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: "Due for review" in text_of(app.screen, "#today-figures"))
        await pilot.pause(0.2)
        notes = [n.message for n in app._notifications]
        assert len(notes) == 1 and "was damaged; it was moved to" in notes[0]
    assert list(quizprep_home.glob("progress.db.damaged-*"))


async def test_topics_show_where_your_own_banks_come_from(app, bank_dir):
    async with app.run_test(size=(100, 24)) as pilot:
        app.action_topics()
        await pilot.pause()
        option = app.screen.query_one("OptionList").get_option_at_index(0)
        assert f"from {bank_dir}" in Content.from_markup(option.prompt).plain


async def test_progress_shows_the_mock_interview_trend(app):
    from quizprep.progress.interviews import save_report

    store = ProgressStore()
    for i, score in enumerate((0.3, 0.6)):
        save_report(store, {"started_at": 1_700_000_000 + i, "minutes": 45, "seed": i, "score": score, "right": 3 + 3 * i,
                            "total": 10, "items": [], "by_topic": {}, "work_on": []})
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_progress()
        await pilot.pause()
        screen = app.screen
        await wait_for(pilot, lambda: "so far" in text_of(screen, "#interview-text"))
        assert "2 so far; latest 60%; trend up" in text_of(screen, "#interview-text")
        assert screen.query_one("#interview-trend").data == [0.3, 0.6]


async def test_the_theme_is_remembered(app, bank_dir):
    from quizprep.tui.app import QuizprepApp

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        chosen = app.theme
    again = QuizprepApp(fixture_services([bank_dir]), animate=False)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        assert again.theme == chosen


def any_response(item):
    """Some valid response (display positions) for a presented item, whatever its type."""
    return {"single": 0, "multiple": [0], "true_false": True, "numeric": "1", "short": "x",
            "order": list(range(len(item.items))), "explain": [0]}[item.question.type]


async def test_practising_a_topic_leaves_the_schedule_alone(app):
    from quizprep.tui.widgets.answers import AnswerGiven

    async with app.run_test(size=(80, 24)) as pilot:
        app.action_topics()
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert screen.mode == "practice" and screen.quiz_title.startswith("Practice:")
        item = screen.session.current
        if item.question.type == "explain":
            screen.post_message(AnswerGiven(None, "my answer"))  # first the written answer, then the key points
            await pilot.pause()
        screen.post_message(AnswerGiven(any_response(item), "my answer"))
        await wait_for(pilot, lambda: screen.state == "feedback")
    store = ProgressStore()
    assert [r[0] for r in store.db.execute("SELECT mode FROM answers")] == ["practice"]
    assert store.db.execute("SELECT COUNT(*) FROM cards").fetchone()[0] == 0


async def test_the_derivation_opens_only_on_request_and_is_recorded(app, tmp_path):
    import dataclasses

    derivation = tmp_path / "derivation.md"
    derivation.write_text("# Why x > 0\n\nThe slope of max(0, x) is one to the right of the kink.\n")
    exercise = dataclasses.replace(app.services.exercise("relu_grad"), derivation=derivation)
    without = dataclasses.replace(exercise, derivation=None)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ExerciseScreen(exercise))
        await pilot.pause()
        assert "slope of max(0, x)" not in text_of(app.screen, "#instructions")
        await pilot.press("escape")  # out of the editor
        await pilot.press("d")
        await pilot.pause()
        assert type(app.screen).__name__ == "MarkdownScreen"
        assert "slope of max(0, x)" in app.screen.query_one("Markdown").source
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        assert ProgressStore().count_events("derivation", "relu_grad") == 1
        app.push_screen(ExerciseScreen(without))
        await pilot.pause()
        await pilot.press("escape", "d")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen) and app._exception is None
