"""Pick a topic to quiz on."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from ..markup import escape
from ..widgets.steady_list import SteadyOptionList
from .once import AnswersOnce


class TopicsScreen(AnswersOnce, Screen[tuple[str, bool] | None]):
    """The topics; returns (topic, practise?) for the one chosen, or None (escape)."""

    BINDINGS = [Binding("escape", "dismiss", "Back"),
                Binding("p", "practice", "Practice (schedule unchanged)")]

    def compose(self) -> ComposeResult:
        catalog = self.app.services.catalog
        yield Header()
        yield Static("Choose a topic: enter for 10 questions from it, p to practise it without moving your schedule.",
                     classes="title")
        yield SteadyOptionList(*[Option(f"{escape(b.title)}  [dim]{b.topic} · {len(b.questions)} questions{self._origin(b)}[/dim]",
                                        id=b.topic) for b in catalog.banks], id="topic-list")
        yield Footer()

    @staticmethod
    def _origin(bank) -> str:
        from ...paths import source_label

        origin = source_label(bank.path)
        return "" if origin == "built-in" else f" · from {escape(origin)}"

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss((event.option.id, False))

    def action_practice(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return
        self.dismiss((options.get_option_at_index(options.highlighted).id, True))
