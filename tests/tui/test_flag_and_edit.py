"""Flagging from the quiz, and removing the flag again; the edit key on the exercise workbench."""

from quizprep.progress import ProgressStore
from quizprep.tui.screens.exercise import ExerciseScreen
from quizprep.tui.screens.flag import FlagScreen


def flags() -> list[tuple]:
    return [(r["question_id"], r["reason"]) for r in ProgressStore().flags()]


async def test_a_flag_is_removed_from_the_quiz_with_the_flag_key_again(app):
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_quiz([app.services.catalog.question("d-tf")], seed=1)
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, FlagScreen) and not app.screen.query("#remove")
        await pilot.click("#wrong")
        await pilot.pause()
        assert flags() == [("d-tf", "wrong")]
        await pilot.press("t")  # feedback: the flag key acts on the question just answered
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, FlagScreen) and "is flagged" in str(app.screen.query_one("Static").render())
        assert app.focused is app.screen.query_one("#remove")
        await pilot.press("enter")  # the focused "Remove the flag" button
        await pilot.pause()
        assert flags() == []
        assert any("Removed your flag on d-tf" in n.message for n in app._notifications)


async def test_e_goes_back_to_the_editor_from_a_panel(app):
    async with app.run_test(size=(80, 24)) as pilot:  # the editor is in the app: nothing is handed over to $EDITOR
        app.push_screen(ExerciseScreen(app.services.exercise("relu_grad")))
        await pilot.pause()
        screen = app.screen
        assert app.focused is screen.editor
        await pilot.press("ctrl+o")
        assert app.focused is screen.query_one("#instructions-panel")
        await pilot.press("e")
        assert app._exception is None and app.focused is screen.editor


async def test_every_button_of_the_flag_dialog_shows_its_whole_label_at_80_columns(app):
    ProgressStore().flag_question("d-tf", "unclear")  # flagged: four buttons, the most the dialog holds
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_quiz([app.services.catalog.question("d-tf")], seed=1)
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, FlagScreen)
        dialog = app.screen.query_one("#dialog").content_region
        buttons = list(app.screen.query("Button"))
        assert [str(b.label) for b in buttons] == ["Remove the flag", "Wrong", "Unclear", "Cancel"]
        for button in buttons:
            inside = button.region.intersection(dialog)
            assert inside == button.region, f"{button.label!s} is cut: {button.region} outside {dialog}"
            assert button.content_region.width >= len(str(button.label)), f"{button.label!s} is cut"
