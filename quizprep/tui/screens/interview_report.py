"""The mock interview report (with the code written for each coding item, beside its grade), and the trend
across past interviews."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Sparkline, Static

from ..markup import escape
from .once import AnswersOnce


class InterviewReportScreen(AnswersOnce, Screen[None]):
    """One interview's report: score by topic, time per item, explain answers beside the model, your code beside its
    grade, what to work on."""

    BINDINGS = [Binding("escape,enter,q", "dismiss", "Done")]

    def __init__(self, report) -> None:
        super().__init__()
        self.report = report

    def compose(self) -> ComposeResult:
        r = self.report
        yield Header()
        with VerticalScroll(classes="panel", id="report-scroll"):
            yield Static(f"[b]Mock interview: {r.right} of {r.total} ({r.score:.0%})[/b]" + ("  — time ran out" if r.timed_out else ""))
            yield Static("\n[b]By topic[/b]\n" + "\n".join(f"  {escape(t):<26}{a} / {b}" for t, (a, b) in r.by_topic.items()))
            rows = []
            for item in r.items:
                mark = "✓" if item.correct else ("·" if not item.answered else "✗")
                extra = f"  [dim]{item.status}[/dim]" if item.kind == "exercise" else ""
                rows.append(f"  {mark} {escape(item.label):<36}{item.seconds:5.0f} s{extra}")
            yield Static("\n[b]Items[/b] (time spent; · not reached)\n" + "\n".join(rows))
            for item in r.items:
                if item.model_answer and item.answered:
                    yield Static(f"\n[b]{escape(item.label)}[/b]\n[dim]you:[/dim] {escape(item.given or '(empty)')}\n"
                                 f"[dim]model:[/dim] {escape(item.model_answer.strip())}")
            for item in r.items:
                if item.kind == "exercise" and item.answered or item.code:
                    yield from self._code(item)
            if r.work_on:
                yield Static("\n[b]Work on next[/b]\n" + "\n".join(f"  {i}. {escape(w)}" for i, w in enumerate(r.work_on, 1)), id="work-on")
            else:
                yield Static("\n[b]Work on next[/b]\n  nothing from this interview — every item was right", id="work-on")
            yield Static("\n[b]Across your mock interviews[/b]", id="trend-title")
            yield Sparkline([], id="trend")
            yield Static("", id="trend-text")
        yield Footer()

    def _code(self, item):
        """A coding item's heading (its latest grade, its time) and the code written for it, highlighted."""
        from rich.syntax import Syntax

        from ...quiz.interview import code_to_show

        yield Static(f"\n[b]{escape(item.label)}[/b] — latest grade: {escape(item.status)} · {item.seconds:.0f} s"
                     + ("" if item.code else "\n  [dim]no code written[/dim]"), classes="code-title")
        if item.code:
            start, code = code_to_show(item.code)
            theme = "monokai" if self.app.current_theme.dark else "default"
            yield Static(Syntax(code or "(only the docstring)", "python", theme=theme, line_numbers=True, start_line=start,
                                word_wrap=True), classes="report-code")

    def on_mount(self) -> None:
        from ...progress.interviews import trend

        scores = [h["score"] for h in self.app.services.interview_history()]  # finished interviews only
        self.query_one("#trend", Sparkline).data = scores or [self.report.score]
        so_far = f"{len(scores)} finished interview(s); scores " + ", ".join(f"{s:.0%}" for s in scores[-8:])
        self.query_one("#trend-text", Static).update(
            so_far + (f" — trend {trend(scores)}" if len(scores) >= 2 else " — no trend yet: it needs a second interview"))
