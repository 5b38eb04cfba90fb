"""The exercise workbench as a learner uses it: typing in the editor, saving and grading, going to an
error's line, running the file, and the file on disk staying the truth (unsaved edits are asked about,
kept through a crash, and changes made outside the app are loaded)."""

from quizprep.grading.workspace import workspace_file
from quizprep.progress import ProgressStore
from quizprep.tui.screens.exercise import ExerciseScreen
from quizprep.tui.widgets.workbench import UnsavedScreen, recovery_path

from .test_screens import text_of, wait_for

RIGHT = "return (x > 0).astype(np.float64)"
WRONG = "return (x >= 0).astype(np.float64)"  # the slope at 0 taken as 1


async def open_relu_grad(app, pilot) -> ExerciseScreen:
    app.action_open_exercise("relu_grad")
    await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen) and app.screen.is_mounted)
    await pilot.pause()
    return app.screen


async def replace_raise_line(pilot, screen, typed: str) -> None:
    """Go to the stub's `raise NotImplementedError` with the arrow keys, select that line's code and type over it."""
    row = screen.editor.text.splitlines().index("    raise NotImplementedError")
    assert screen.editor.cursor_location == (0, 0) and app_focus(screen) is screen.editor  # the cursor starts in the editor
    await pilot.press(*["down"] * row, "end", "shift+home")
    await pilot.press(*typed)


def app_focus(screen):
    return screen.app.focused


def grade_text(screen) -> str:
    return text_of(screen, "#grade-result Static")


async def test_typing_a_right_solution_and_saving_passes(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_relu_grad(app, pilot)
        await replace_raise_line(pilot, screen, RIGHT)
        assert screen.unsaved_edits
        await pilot.press("ctrl+s")
        assert "checking…" in text_of(screen, "#grade-line")  # at once, before the grade ends
        await wait_for(pilot, lambda: "all checks pass" in text_of(screen, "#grade-line"), timeout=60)
        assert not screen.unsaved_edits and f"    {RIGHT}\n" in screen.path.read_text()
        shown = grade_text(screen)
        assert "passed" in shown and shown.count("✓") == 10 and "✗" not in shown  # every check, each with its mark
        assert ProgressStore().ever_passed("relu_grad")
        kept = app.services.grade_history("relu_grad")
        assert kept and kept[-1].status == "pass"


async def test_a_wrong_solution_names_the_mistake(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_relu_grad(app, pilot)
        await replace_raise_line(pilot, screen, WRONG)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "not yet" in text_of(screen, "#grade-line"), timeout=60)
        shown = grade_text(screen)
        assert "first problem — zero and signs" in shown and "likely mistake: the gradient at x == 0 should be 0" in shown
        assert "✗ zero and signs" in shown and "✓ matches reference [4x3]" in shown


async def test_enter_on_a_syntax_error_puts_the_cursor_on_its_line(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_relu_grad(app, pilot)
        await replace_raise_line(pilot, screen, "return (x > 0")  # the bracket is never closed
        try:
            compile(screen.editor.text, "f.py", "exec")
        except SyntaxError as err:
            wrong_line = err.lineno
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "could not run" in text_of(screen, "#grade-line"), timeout=60)
        assert f"goes to line {wrong_line}" in grade_text(screen)
        await pilot.press("ctrl+o", "ctrl+o")  # the editor, the instructions, the grade
        assert app.focused is screen.query_one("#grade-result")
        await pilot.press("up", "up", "up")  # the cursor moves away: enter must bring it back
        screen.editor.cursor_location = (0, 0)
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is screen.editor and screen.editor.cursor_location[0] == wrong_line - 1


async def test_ctrl_r_runs_the_main_block_and_shows_what_it_printed(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_relu_grad(app, pilot)
        await replace_raise_line(pilot, screen, RIGHT)
        await pilot.press("ctrl+r")
        output = screen.query_one("#run-output")
        await wait_for(pilot, lambda: "ran in" in text_of(screen, "#run-output Static"), timeout=60)
        shown = text_of(screen, "#run-output Static")
        assert output.display and "x: (2, 3) relu(x): (2, 3) relu_grad(x): (2, 3) float64" in shown
        assert "[[0. 0. 1.]" in shown  # the gradient it printed: 1 only where x > 0


async def test_leaving_with_unsaved_edits_asks_and_stay_keeps_them(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_relu_grad(app, pilot)
        before = screen.path.read_text()
        await pilot.press(*"# a note")
        await pilot.press("escape", "escape")  # out of the editor, then back
        await pilot.pause()
        assert isinstance(app.screen, UnsavedScreen)
        await pilot.press("escape")  # stay
        await pilot.pause()
        assert app.screen is screen and screen.editor.text.startswith("# a note") and screen.unsaved_edits
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("s")  # save, then leave
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen" and screen.path.read_text() == "# a note" + before
        app.action_open_exercise("relu_grad")
        await pilot.pause()
        await pilot.press("x", "escape", "escape")
        await pilot.pause()
        await pilot.press("d")  # discard
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen" and screen.path.read_text() == "# a note" + before


async def test_quitting_with_unsaved_edits_asks_first(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_relu_grad(app, pilot)
        await pilot.press("x")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedScreen) and app.return_code is None
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and app.return_code is None
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert app.return_code == 0
    assert screen.path.read_text().startswith("x")


async def test_unsaved_edits_survive_a_crash_and_are_offered_back(app, bank_dir):
    from quizprep.tui.app import QuizprepApp

    from .conftest import fixture_services

    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_relu_grad(app, pilot)
        on_disk = screen.path.read_text()
        await pilot.press(*"# half done", "enter")
        edited = screen.editor.text
        # kept a moment after the last key (on a busy machine a pause between keys may keep a part first)
        await wait_for(pilot, lambda: recovery_path(screen.path).exists() and recovery_path(screen.path).read_text() == edited)
    # the app went away without saving (as after kill -9): the file is untouched, the edits are beside it
    assert screen.path.read_text() == on_disk
    again = QuizprepApp(fixture_services([bank_dir]), animate=False)
    async with again.run_test(size=(80, 24)) as pilot:
        again.action_open_exercise("relu_grad")
        await wait_for(pilot, lambda: type(again.screen).__name__ == "ConfirmScreen")
        assert [str(b.label) for b in again.screen.query("Button")] == ["Yes [y]", "No [n]"]  # the keys, not eaten as markup
        await pilot.press("y")
        await pilot.pause()
        reopened = again.screen
        assert isinstance(reopened, ExerciseScreen) and reopened.editor.text == edited and reopened.unsaved_edits


async def test_a_change_made_outside_the_app_is_loaded_and_graded(app):
    exercise = app.services.exercise("relu_grad")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_relu_grad(app, pilot)
        await pilot.pause(0.3)  # the watcher is up
        workspace_file(exercise).write_text(exercise.solution.read_text())
        await wait_for(pilot, lambda: screen.editor.text == exercise.solution.read_text())
        assert not screen.unsaved_edits
        await wait_for(pilot, lambda: "all checks pass" in text_of(screen, "#grade-line"), timeout=60)


async def test_a_change_outside_with_unsaved_edits_asks_before_loading(app):
    exercise = app.services.exercise("relu_grad")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_relu_grad(app, pilot)
        await pilot.press(*"# mine")
        await pilot.pause(0.3)
        workspace_file(exercise).write_text("# theirs\n")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen")
        await pilot.press("n")  # keep mine
        await pilot.pause()
        assert screen.editor.text.startswith("# mine") and screen.unsaved_edits
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.path.read_text().startswith("# mine")


async def test_the_editor_indents_as_python_does(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_relu_grad(app, pilot)
        await pilot.press(*"def f(x):", "enter", *"if x:", "enter", *"return 1", "enter", *"y", "tab")
        typed = screen.editor.text.split("\n")[:4]
        assert typed == ["def f(x):", "    if x:", "        return 1", '    y   """ReLU\'s gradient.']  # tab: spaces to column 8
        with_tab = screen.editor.text
        await pilot.press("ctrl+z")
        assert screen.editor.text != with_tab
        await pilot.press("ctrl+y")
        assert screen.editor.text == with_tab


async def test_at_80_columns_a_run_s_output_takes_the_lower_area_and_f_fills_the_screen(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_relu_grad(app, pilot)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: "stopped on an error" in text_of(screen, "#run-output Static"), timeout=60)
        await pilot.pause()
        output, notes = screen.query_one("#run-output"), [screen.query_one("#instructions-panel"), screen.query_one("#grade-result")]
        assert output.display and not any(n.display for n in notes)
        assert output.outer_size.width == 80 and output.virtual_size.height <= output.size.height  # the whole width, nothing hidden
        assert screen.editor.cursor_location[0] in range(screen.editor.scroll_offset.y, screen.editor.scroll_offset.y
                                                         + screen.editor.scrollable_content_region.height)  # its cursor in view
        assert "NotImplementedError" in text_of(screen, "#run-output Static")
        await pilot.press("ctrl+o", "ctrl+o")  # quickly: the instructions, then the grade, beside each other again
        await pilot.pause()
        assert app.focused is notes[1] and all(n.display for n in notes) and not output.display
        await pilot.press("ctrl+o")  # the output again
        await pilot.pause()
        assert app.focused is output and output.display
        await pilot.press("f")
        await pilot.pause()
        assert screen.maximized is output and output.outer_size.height >= 20
        await pilot.press("escape")  # back to the workbench, not out of it
        await pilot.pause()
        assert screen.maximized is None and app.screen is screen
        await pilot.press("ctrl+s")  # a grade brings the grade panel back
        await pilot.pause()
        assert all(n.display for n in notes) and not output.display


async def test_from_120_columns_every_panel_stands_beside_the_editor(app):
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_relu_grad(app, pilot)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: "stopped on an error" in text_of(screen, "#run-output Static"), timeout=60)
        await pilot.pause()
        panels = [screen.query_one(p) for p in ("#instructions-panel", "#grade-result", "#run-output")]
        assert all(p.display for p in panels)
        assert all(p.region.x > screen.editor.region.right - 1 for p in panels)


async def test_help_describes_the_workbench_and_its_keys(app):
    from quizprep.tui.screens.help import help_markdown

    async with app.run_test(size=(80, 24)):
        exercise = next(line for line in help_markdown(app).splitlines() if line.startswith("**Exercise**"))
    assert "$EDITOR" not in exercise and "workbench" in exercise and ".unsaved" in exercise
    for key in ("`ctrl+s` / `g` grade", "`ctrl+r` run", "`ctrl+o` panel", "`f` full size", "`h` hint", "`esc` back"):
        assert key in exercise
