"""Search: type words, see the questions and exercises that hold them, choose one; returns the hit chosen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..markup import escape
from ..widgets.steady_list import SteadyOptionList
from .once import AnswersOnce

RESULTS = 50  # at most this many hits are listed
LABEL_CHARS = 150  # a hit's text is shortened to this (two lines at 80 columns)
EMPTY = "type words from a question or an exercise — every word must match (norm finds normalization)"


def hit_label(hit) -> str:
    """One result line: what it is, its topic and id, then its prompt or title."""
    kind = "exercise" if hit.kind == "exercise" else hit.type.replace("_", "/")
    words = " ".join(hit.text.split()) or hit.id  # a prompt's line breaks are the bank's, not sentences
    first = words if len(words) <= LABEL_CHARS else words[:LABEL_CHARS - 1].rsplit(" ", 1)[0] + " …"
    return f"[b]{escape(first)}[/b]\n[dim]{kind} · {escape(hit.topic)} · {escape(hit.id)}[/dim]"


class ResultList(SteadyOptionList):
    """The hits (refilled as the learner types)."""


class SearchScreen(AnswersOnce, ModalScreen[object | None]):
    """An input and the hits for what is typed; enter or a click chooses one (returned), escape returns None."""

    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self) -> None:
        super().__init__()
        self.hits: list = []

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="search"):
            yield Static("[b]Search[/b]  [dim]↓ to the results · enter opens · escape closes[/dim]")
            yield Input(placeholder="words, e.g. softmax gradient", id="search-input")
            yield Static(EMPTY, id="search-count", classes="muted")
            yield ResultList(id="search-results")

    def on_mount(self) -> None:
        self.query_one("#search-results", OptionList).display = False
        self.query_one("#search-input", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.show_hits(event.value)

    def show_hits(self, text: str) -> None:
        self.hits = self.app.services.search(text, limit=RESULTS) if text.strip() else []
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        results.add_options([Option(hit_label(h)) for h in self.hits])
        results.display = bool(self.hits)
        if self.hits:
            results.highlighted = 0
        count = self.query_one("#search-count", Static)
        if not text.strip():
            count.update(EMPTY)
        elif not self.hits:
            count.update(f"nothing holds every word of “{escape(text.strip())}”")
        else:
            more = " (the first shown)" if len(self.hits) == RESULTS else ""
            count.update(f"{len(self.hits)} found{more} — enter opens the first, ↓ chooses another")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.show_hits(event.value)  # what is typed now, even if a change has not been handled yet
        if self.hits:
            self.dismiss(self.hits[0])

    def on_key(self, event) -> None:
        results = self.query_one("#search-results", OptionList)
        if event.key == "down" and self.focused is self.query_one("#search-input") and self.hits:
            event.stop()
            results.focus()
            results.highlighted = 0
        elif event.key == "up" and self.focused is results and results.highlighted == 0:
            event.stop()
            self.query_one("#search-input", Input).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.hits):
            self.dismiss(self.hits[event.option_index])

    def action_close(self) -> None:
        self.dismiss(None)
