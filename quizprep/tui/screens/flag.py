"""Flag a question as wrong or unclear, with an optional note; or remove your flag on it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from .once import AnswersOnce


class FlagScreen(AnswersOnce, ModalScreen[tuple[str, str] | None]):
    """Returns (reason, note) with reason "wrong" or "unclear", ("remove", "") to remove the flag, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question_id: str, *, flagged: bool = False) -> None:
        super().__init__()
        self.question_id = question_id
        self.flagged = flagged

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            if self.flagged:
                yield Static(f"[b]{self.question_id} is flagged[/b]\nRemove your flag, or flag it again with a new note?")
            else:
                yield Static(f"[b]Flag {self.question_id}[/b]\nWhat is the matter with it?")
            yield Input(placeholder="a note (optional): what is wrong or unclear", id="note")
            with Horizontal(id="flag-buttons"):
                if self.flagged:
                    yield Button("Remove the flag", id="remove", variant="primary")
                yield Button("Wrong", id="wrong", variant="error")
                yield Button("Unclear", id="unclear", variant="warning")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#remove" if self.flagged else "#note").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cancel":
            self.dismiss(None)
        elif event.button.id == "remove":
            self.dismiss(("remove", ""))
        else:
            self.dismiss((event.button.id, self.query_one(Input).value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)
