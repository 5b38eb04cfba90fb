"""A screen answers once.

Two quick presses of a key that dismisses a screen (enter on a list, a button clicked twice) queue two
answers on it before it is gone. Textual would hand the second to a callback that already has its result
(InvalidStateError) and pop whatever screen is on top by then; the second is ignored instead.
"""

from __future__ import annotations

import asyncio

from textual.await_complete import AwaitComplete


class AnswersOnce:
    """Mixin for a Screen or ModalScreen: a dismiss after the first one does nothing."""

    _answered = False

    def dismiss(self, result=None) -> AwaitComplete:
        if self._answered:
            return AwaitComplete(asyncio.sleep(0))
        self._answered = True
        return super().dismiss(result)  # type: ignore[misc]
