"""A mock interview's coding item in the app: the code typed is kept with the report and shown in it
beside its grade (also when time runs out mid-item), and its editor keeps the file as the workbench
does: an outside change is loaded, unsaved edits are kept beside the file and offered back after a crash."""

from quizprep.progress import ProgressStore
from quizprep.progress.interviews import history
from quizprep.tui.screens.interview import InterviewScreen
from quizprep.tui.screens.interview_report import InterviewReportScreen
from quizprep.tui.widgets.workbench import recovery_path

from .test_interview_screen import FakeClock, answer, fixed_interview
from .test_screens import wait_for
from .test_workbench import RIGHT, WRONG


async def coding_item(pilot, screen, exercise_id: str = "relu_grad"):
    await wait_for(pilot, lambda: screen.exercise_path is not None and screen.exercise_path.stem == exercise_id and screen.ready
                   and screen.editor is not None and screen.editor.is_mounted)
    await pilot.pause()
    return screen.editor


async def type_over_raise(pilot, editor, typed: str) -> None:
    """The arrow keys to the stub's `raise NotImplementedError`, that line's code selected and typed over."""
    row = editor.text.splitlines().index("    raise NotImplementedError")
    await pilot.press(*["down"] * row, "end", "shift+home", *typed)


def stored_items(kind="exercise"):
    [stored] = history(ProgressStore())
    return [i for i in stored["report"]["items"] if i["kind"] == kind]


async def test_the_code_typed_for_a_coding_item_is_in_the_stored_report_and_shown_in_the_report(app):
    clock = FakeClock()
    async with app.run_test(size=(100, 40)) as pilot:
        app.start_interview(fixed_interview(app, ["d-tf", "ex:relu_grad"], clock))
        await pilot.pause()
        screen = app.screen
        await answer(pilot, screen, True)
        editor = await coding_item(pilot, screen)
        assert app.focused is editor
        await type_over_raise(pilot, editor, RIGHT)
        clock.now += 90
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewReportScreen), timeout=60)
        await pilot.pause(0.3)
        titles = " ".join(str(w.render()) for w in app.screen.query(".code-title"))
        assert "relu_grad — latest grade: pass · 90 s" in titles
        [code] = app.screen.query(".report-code")
        assert RIGHT in code.content.code and '"""ReLU' not in code.content.code  # the contract's docstring left out
    [item] = stored_items()
    assert item["status"] == "pass" and f"    {RIGHT}\n" in item["code"] and "NotImplementedError" not in item["code"]


async def test_time_running_out_mid_item_keeps_the_code_and_its_latest_grade(app):
    clock = FakeClock()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_interview(fixed_interview(app, ["d-tf", "ex:relu_grad", "d-numeric"], clock, minutes=20))
        await pilot.pause()
        screen = app.screen
        await answer(pilot, screen, True)
        editor = await coding_item(pilot, screen)
        await type_over_raise(pilot, editor, WRONG)
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: screen.last_status != "skipped", timeout=60)
        await pilot.press("enter", *"# then this")  # typed after the grade, never graded
        clock.now += 20 * 60
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewReportScreen), timeout=5)
        await pilot.pause(0.3)
        report = app.screen.query_one("#report-scroll")
        assert report.max_scroll_y > 0  # longer than 24 lines with the code in it: it scrolls, from the keyboard
        await pilot.press("end")
        await pilot.pause()
        assert report.scroll_y == report.max_scroll_y
        code = app.screen.query_one(".report-code")
        assert code.region.y + code.region.height <= 24
    [item] = stored_items()
    assert item["status"] == "fail" and item["answered"] and f"    {WRONG}\n# then this" in item["code"]
    assert screen.exercise_path.read_text() == item["code"]  # the buffer was saved to its file on the way out


async def test_a_quit_mid_item_keeps_the_code_in_the_unfinished_interview(app):
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_interview(fixed_interview(app, ["d-tf", "ex:relu_grad"], FakeClock()))
        await pilot.pause()
        screen = app.screen
        await answer(pilot, screen, True)
        editor = await coding_item(pilot, screen)
        await type_over_raise(pilot, editor, RIGHT)
        await pilot.press("ctrl+q")
    [stored] = history(ProgressStore())
    assert stored["status"] == "unfinished"
    [item] = stored_items()
    assert item["status"] == "not graded" and f"    {RIGHT}\n" in item["code"]


async def test_the_interview_editor_loads_a_change_made_outside_the_app(app):
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_interview(fixed_interview(app, ["ex:relu_grad", "d-tf"], FakeClock()))
        screen = app.screen
        editor = await coding_item(pilot, screen)
        await pilot.pause(0.3)  # the watcher is up
        solution = app.services.exercise("relu_grad").solution.read_text()
        screen.exercise_path.write_text(solution)
        await wait_for(pilot, lambda: editor.text == solution)
        assert not editor.unsaved_edits and screen.session.current.kind == "exercise"  # loaded, not graded behind your back


async def test_unsaved_interview_code_survives_a_crash_and_is_offered_back(app, bank_dir):
    from quizprep.tui.app import QuizprepApp

    from .conftest import fixture_services

    async with app.run_test(size=(80, 24)) as pilot:
        app.start_interview(fixed_interview(app, ["ex:relu_grad", "d-tf"], FakeClock()))
        screen = app.screen
        editor = await coding_item(pilot, screen)
        await type_over_raise(pilot, editor, RIGHT)
        typed = editor.text
        await wait_for(pilot, lambda: recovery_path(screen.exercise_path).exists()
                       and recovery_path(screen.exercise_path).read_text() == typed)
        path = screen.exercise_path
    # as after kill -9: on the next interview with that exercise, the edits are offered back
    recovery_path(path).write_text(typed)  # a quit tidies up; a crash would not have
    again = QuizprepApp(fixture_services([bank_dir]), animate=False)
    async with again.run_test(size=(80, 24)) as pilot:
        again.start_interview(fixed_interview(again, ["ex:relu_grad", "d-tf"], FakeClock()))
        await wait_for(pilot, lambda: type(again.screen).__name__ == "ConfirmScreen")
        assert "mock interview was stopped" in str(again.screen.query_one("Static").render())
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(again.screen, InterviewScreen) and again.screen.editor.text == typed and again.screen.editor.unsaved_edits
