"""The command palette stays up under keys pressed faster than it refills its list (seen in a real
terminal: pagedown while the list was hidden and refilled crashed the app with a KeyError)."""

from textual.command import CommandList
from textual.widgets.option_list import Option

from quizprep.tui.palette import SteadyCommandPalette


async def test_a_page_key_while_the_list_is_refilled_and_hidden_does_nothing(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        palette = app.screen
        assert isinstance(palette, SteadyCommandPalette)
        commands = palette.query_one(CommandList)
        commands.clear_options()
        commands.add_options([Option(f"command {i}") for i in range(5)])  # a refill, as typing does
        commands.highlighted = 2
        palette._list_visible = False  # no hit shown yet: the list has no lines laid out
        await pilot.pause(0.2)
        commands._line_cache.clear()
        for key in ("pagedown", "pageup", "pagedown"):
            await pilot.press(key)
        await pilot.pause()
        assert app.screen is palette and app.return_code is None
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def search_the_palette(pilot, text: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause(0.3)
    await pilot.press(*text)
    await pilot.pause(0.8)


async def test_the_palette_still_runs_a_command(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await search_the_palette(pilot, "Progress")
        await pilot.press("enter")
        await pilot.pause(0.6)
        if isinstance(app.screen, SteadyCommandPalette):  # the first enter highlights, the second runs
            await pilot.press("enter")
            await pilot.pause(0.6)
        assert type(app.screen).__name__ == "ProgressScreen"


async def test_a_command_chosen_twice_while_the_palette_closes_runs_once(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await search_the_palette(pilot, "Progress")
        commands = app.screen.query_one(CommandList)
        await pilot.press("down")
        await pilot.pause(0.2)
        commands.action_select()
        commands.action_select()  # enter again before the palette is gone: Textual's own palette pops the last screen
        await pilot.pause(1.0)
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen", "ProgressScreen"]
        assert app.return_code is None
