"""The end of a quiz: the score by topic and the questions to review."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from .once import AnswersOnce


class SummaryScreen(AnswersOnce, Screen[list | None]):
    """A quiz's score by topic; returns the missed questions to practise (r), or None (done)."""

    BINDINGS = [Binding("escape,enter,q", "dismiss", "Done"), Binding("r", "retry", "Practise the missed ones")]

    def __init__(self, summary, title: str) -> None:
        super().__init__()
        self.summary = summary
        self.quiz_title = title

    def compose(self) -> ComposeResult:
        s = self.summary
        yield Header()
        with VerticalScroll(classes="panel"):
            pct = f" ({s.right / s.answered:.0%})" if s.answered else ""
            yield Static(f"[b]{self.quiz_title} — {s.right} of {s.answered} right{pct}[/b]"
                         + (f"  [dim]{s.total - s.answered} not answered[/dim]" if s.answered < s.total else ""))
            rows = [f"  {t.topic:<26}{t.right:>3} / {t.total:<3} {'█' * t.right}{'░' * (t.total - t.right)}" for t in s.by_topic if t.total]
            yield Static("\n[b]By topic[/b]\n" + "\n".join(rows), markup=True)
            if s.missed:
                missed = "\n".join(f"  • {q.id} [dim]({q.topic})[/dim]" for q in s.missed)
                yield Static(f"\n[b]To review[/b] — they come back soon on their own; r practises them now\n{missed}")
            else:
                yield Static("\nNothing missed. Well done.")
        yield Footer()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Practising the missed ones is offered only when something was missed."""
        return bool(self.summary.missed) if action == "retry" else True

    def action_retry(self) -> None:
        if self.summary.missed:
            self.dismiss(list(self.summary.missed))
