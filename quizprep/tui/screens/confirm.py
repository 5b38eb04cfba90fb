"""Small modal dialogs: a yes/no confirmation, a read-only code viewer and a Markdown reader."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Markdown, Static, TextArea

from ..markup import escape
from .once import AnswersOnce


class ConfirmScreen(AnswersOnce, ModalScreen[bool]):
    """A yes/no question; returns True (y / the Yes button) or False."""

    BINDINGS = [Binding("y", "answer(True)", "Yes"), Binding("n,escape", "answer(False)", "No")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question)
            with Horizontal():
                yield Button(escape("Yes [y]"), id="yes", variant="warning")  # a label is markup: [y] would vanish
                yield Button(escape("No [n]"), id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class TextScreen(AnswersOnce, ModalScreen[None]):
    """Shows code, read-only and highlighted."""

    BINDINGS = [Binding("escape,q", "dismiss", "Close")]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(f"[b]{self.title_text}[/b]  [dim]escape closes[/dim]")
            yield TextArea(self.text, language="python", read_only=True, show_line_numbers=True)


class MarkdownScreen(AnswersOnce, ModalScreen[None]):
    """Shows a Markdown document (a derivation), scrolled with the keyboard."""

    BINDINGS = [Binding("escape,q", "dismiss", "Close")]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="reading"):
            yield Static(f"[b]{self.title_text}[/b]  [dim]escape closes · arrows and page keys scroll[/dim]")
            with VerticalScroll(id="reading-scroll"):
                yield Markdown(self.text)

    def on_mount(self) -> None:
        self.query_one("#reading-scroll").focus()
