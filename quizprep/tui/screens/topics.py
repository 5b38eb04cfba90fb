"""Pick a topic to quiz on."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option


class TopicsScreen(Screen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        catalog = self.app.services.catalog
        yield Header()
        yield Static("Choose a topic: 10 questions from it, shuffled. [dim](from the built-in banks)[/dim]", classes="title")
        yield OptionList(*[Option(f"{b.title}  [dim]{b.topic} · {len(b.questions)} questions[/dim]", id=b.topic) for b in catalog.banks],
                         id="topic-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.app.pop_screen()
        self.app.action_quiz_topic(event.option.id)
