"""Before a mock interview: how long it lasts (and what that length holds), or cancel."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ...quiz.interview import CODING_FROM_MINUTES, DEFAULT_MINUTES, MAX_MINUTES, MIN_MINUTES, TWO_EXERCISES_FROM_MINUTES, check_length
from .once import AnswersOnce


class InterviewLengthScreen(AnswersOnce, ModalScreen[int | None]):
    """Returns the length in minutes (enter or Start), or None (escape or Cancel): nothing starts by accident."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(f"[b]Mock interview[/b]\nHow many minutes? ({MIN_MINUTES}–{MAX_MINUTES}; coding from {CODING_FROM_MINUTES}, "
                         f"two exercises from {TWO_EXERCISES_FROM_MINUTES})")
            yield Input(str(DEFAULT_MINUTES), id="minutes", type="integer", max_length=3)
            yield Static("", id="length-problem")
            with Horizontal():
                yield Button("Start [enter]", id="start", variant="primary")
                yield Button("Cancel [esc]", id="cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "start":
            self.action_start()
        else:
            self.action_cancel()

    def action_start(self) -> None:
        raw = self.query_one(Input).value.strip()
        try:
            minutes = int(raw)
            check_length(minutes)
        except ValueError:
            self.query_one("#length-problem", Static).update(f"[b]{MIN_MINUTES} to {MAX_MINUTES} minutes, please[/b]")
            return
        self.dismiss(minutes)

    def action_cancel(self) -> None:
        self.dismiss(None)
