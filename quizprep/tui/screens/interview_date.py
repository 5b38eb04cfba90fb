"""Asks for the date of the (next) interview: a date, or none. Returns the date, "none", or None (unchanged)."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..markup import escape
from .once import AnswersOnce

NONE = "none"  # the answer "there is no next interview"


def read_date(text: str, today: date) -> date | str:
    """What the learner typed: a valid interview date, or NONE; ValueError (saying what to do) otherwise."""
    from ...progress.plan import check_interview_date

    raw = text.strip().lower()
    if raw in (NONE, "no", "-"):
        return NONE
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"type the date as YYYY-MM-DD (e.g. {today.replace(day=min(today.day, 28)).isoformat()}), or none") from None
    check_interview_date(day, today)
    return day


class InterviewDateScreen(AnswersOnce, ModalScreen[date | str | None]):
    """The interview date, asked in one line: enter sets it, `none` says there is no next one, escape keeps it."""

    BINDINGS = [Binding("escape", "keep", "Keep as it is")]

    def __init__(self, today: date, passed: date | None = None) -> None:
        super().__init__()
        self.today = today
        self.passed = passed

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            if self.passed is not None:
                yield Static(f"[b]Your interview date {self.passed} has passed.[/b] When is the next one?")
            else:
                yield Static("[b]When is your interview?[/b] The plan and the readiness forecast aim at it.")
            yield Input(placeholder="YYYY-MM-DD, or none", id="date-input")
            yield Static("enter sets it · none: no next interview · escape keeps it as it is", id="date-hint", classes="muted")

    def on_mount(self) -> None:
        self.query_one("#date-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            self.dismiss(read_date(event.value, self.today))
        except ValueError as err:
            self.query_one("#date-hint", Static).update(f"[b]{escape(str(err))}[/b]")

    def action_keep(self) -> None:
        self.dismiss(None)
