"""The command palette, steady under fast keys.

Textual 8.2.8's own palette raises on keys a person can press quickly: a page key while its list is
being refilled (KeyError in OptionList._move_page: the new options are not laid out yet), and timers
or watchers that look for the list once the palette has closed (NoMatches). In the palette such a key
does nothing and a late timer finds nothing to update.
"""

from __future__ import annotations

from textual.command import CommandPalette
from textual.css.query import NoMatches


class SteadyCommandPalette(CommandPalette):
    """Textual's palette: a page key before the refilled list is laid out does nothing; late callbacks are quiet."""

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
