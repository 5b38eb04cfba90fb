"""An option list that takes a page key at any moment.

Textual 8.2.8's OptionList raises KeyError on a page key pressed after its options were replaced or
while it has no size yet (the lines are laid out later): seen with random keys on the quiz's answer
lists and the search's hits. Such a key does nothing instead.
"""

from __future__ import annotations

from textual.widgets import OptionList


class SteadyOptionList(OptionList):
    """OptionList whose page keys wait for the options to be laid out (until then they do nothing)."""

    def _move_page(self, direction) -> None:
        try:
            super()._move_page(direction)
        except KeyError:
            pass
