"""The command palette, steady under fast keys.

Textual 8.2.8's own palette raises on keys a person can press quickly (each seen in a real terminal):
a page key while its list is hidden and refilled (KeyError in OptionList._move_page: the new options are
not laid out yet); enter pressed again while it closes (it dismisses itself twice and pops the last
screen: ScreenStackError); and its search worker, timers or watchers looking for the list once it has
closed (NoMatches). Here such a key does nothing, the palette closes once, and late work finds nothing to do.
"""

from __future__ import annotations

import asyncio

from textual import on, work
from textual.await_complete import AwaitComplete
from textual.command import CommandPalette
from textual.css.query import NoMatches
from textual.widgets import Button, Input


class SteadyCommandPalette(CommandPalette):
    """Textual's palette: closes once, ignores keys it cannot act on yet, and stays quiet once closed."""

    _palette_closed = False

    def dismiss(self, result=None) -> AwaitComplete:
        if self._palette_closed:
            return AwaitComplete(asyncio.sleep(0))
        self._palette_closed = True
        return super().dismiss(result)

    @on(Input.Submitted)
    @on(Button.Pressed)
    def _select_or_command(self, event: Input.Submitted | Button.Pressed | None = None) -> None:
        if event is not None:
            event.prevent_default()  # this handler stands in for the palette's own
        if self._palette_closed:
            if event is not None:
                event.stop()
            return  # a second enter while closing: the command is already on its way
        super()._select_or_command(event)

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        try:
            await CommandPalette._gather_commands.__wrapped__(self, search_value)
        except NoMatches:
            pass  # the palette closed while it was searching

    def _action_command_list(self, action: str) -> None:
        try:
            super()._action_command_list(action)
        except (KeyError, NoMatches):
            pass

    def _watch__list_visible(self) -> None:
        try:
            super()._watch__list_visible()
        except NoMatches:
            pass

    async def _watch__show_busy(self) -> None:
        try:
            await super()._watch__show_busy()
        except NoMatches:
            pass
