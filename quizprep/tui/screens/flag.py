"""Flag a question as wrong or unclear, with an optional note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static


class FlagScreen(ModalScreen):
    """Returns (reason, note), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question_id: str) -> None:
        super().__init__()
        self.question_id = question_id

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(f"[b]Flag {self.question_id}[/b]\nWhat is the matter with it?")
            yield Input(placeholder="a note (optional): what is wrong or unclear", id="note")
            with Horizontal():
                yield Button("Wrong", id="wrong", variant="error")
                yield Button("Unclear", id="unclear", variant="warning")
                yield Button("Cancel", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cancel":
            self.dismiss(None)
        else:
            self.dismiss((event.button.id, self.query_one(Input).value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)
