"""Progress: per-topic mastery and accuracy, study days, accuracy over time, exercises."""

from __future__ import annotations

import textwrap

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Sparkline, Static

from ..widgets.charts import bar, heatmap_text
from .once import AnswersOnce

TITLE_WIDTH = 26  # the topic column at 80 columns; longer titles wrap onto a second line


def _pct(x) -> str:
    return "  —" if x is None else f"{x:4.0%}"


class ProgressScreen(AnswersOnce, Screen[None]):
    """Mastery by topic, study days, accuracy over time, mock interviews and exercises."""

    BINDINGS = [Binding("escape", "dismiss", "Back")]
    SUB_TITLE = "Progress"  # set before the header mounts: a title changed later can reach a header being removed

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="progress-scroll"):
            yield Static("loading…", id="progress-top")
            yield Static("Readiness on the interview day", id="readiness-title", classes="chart-title")
            yield Vertical(id="readiness-box")
            yield Static("", id="readiness-text", classes="muted")
            yield Static("Mastery by topic", classes="chart-title")
            yield DataTable(id="topic-table", show_cursor=False, zebra_stripes=True)
            yield Static("Study days (last 12 weeks)", classes="chart-title")
            yield Static("", id="heatmap")
            yield Static("Answers per day", classes="chart-title")
            yield Sparkline([], id="per-day")
            yield Static("", id="per-day-label", classes="muted")
            yield Static("Accuracy per week", classes="chart-title")
            yield Sparkline([], id="per-week")
            yield Static("", id="per-week-label", classes="muted")
            yield Static("Mock interviews", classes="chart-title")
            yield Sparkline([], id="interview-trend")
            yield Static("", id="interview-text", classes="muted")
            yield Static("Exercises", classes="chart-title")
            yield DataTable(id="exercise-stats", show_cursor=False, zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        for name in ("#readiness-title", "#readiness-box", "#readiness-text"):
            self.query_one(name).display = False  # until the figures say there is an interview date
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        services = self.app.services
        stats = services.stats()
        titles = {b.topic: b.title for b in services.catalog.banks}
        interviews = services.interview_history()
        readiness = services.readiness()
        statuses = services.exercise_statuses()  # the words the exercise list and `quizprep list` use
        self.app.call_from_thread(self._show, stats, titles, interviews, statuses)
        self.app.call_from_thread(self._show_readiness, readiness)

    async def _show_readiness(self, readiness) -> None:
        """The chart of readiness per day (so far, and projected to the date) with the figures in words;
        nothing without an interview date. plotext is imported only here, when there is something to draw."""
        box = self.query_one("#readiness-box")
        for widget in (self.query_one("#readiness-title"), box, self.query_one("#readiness-text")):
            widget.display = readiness is not None
        if readiness is None:
            return
        from ..widgets.readiness_chart import ReadinessChart

        await box.remove_children()
        await box.mount(ReadinessChart(readiness, id="readiness-chart"))
        reached = f"{readiness.overall:.0%} if you stopped now"
        planned = f"{readiness.projected_overall:.0%} if you follow the plan" if readiness.projected else "no days left to plan"
        self.query_one("#readiness-text", Static).update(
            f"interview {readiness.interview}: {reached}, {planned}")

    def _show(self, stats, titles, interviews, statuses) -> None:
        from ...progress.interviews import trend

        scores = [h["score"] for h in interviews]
        chart = self.query_one("#interview-trend", Sparkline)
        chart.data = scores
        chart.display = bool(scores)
        self.query_one("#interview-text", Static).update(
            f"score of each mock interview, oldest first: {', '.join(f'{s:.0%}' for s in scores[-12:])} — {len(scores)} so far; "
            f"latest {scores[-1]:.0%}; trend {trend(scores)} — i on the home screen starts one" if scores
            else "none yet — i on the home screen starts a mock interview")
        self.query_one("#progress-top", Static).update(
            f"[b]{stats.answers_total}[/b] answers · streak [b]{stats.streak_days}[/b] day(s) · "
            f"exercises [b]{stats.exercises_passed}[/b]/{stats.exercises_total} passed · [b]{stats.due_now}[/b] due now")
        topics = self.query_one("#topic-table", DataTable)
        topics.clear(columns=True)
        topics.add_columns("topic", "mastery", "", "accuracy", "7 days", "seen", "due")
        for t in stats.topics:
            title = textwrap.fill(titles.get(t.topic, t.topic), TITLE_WIDTH)  # wrapped, never cut
            topics.add_row(title, bar(t.mastery, 10), f"{t.mastery:4.0%}", _pct(t.accuracy),
                           _pct(t.recent_accuracy), f"{t.seen}/{t.total}", str(t.due), height=None)
        self.query_one("#heatmap", Static).update(heatmap_text(stats.answers_per_day))
        per_day = list(stats.answers_per_day.values())
        self.query_one("#per-day", Sparkline).data = per_day
        self.query_one("#per-day-label", Static).update(
            f"{len(per_day)} days, oldest first; most in a day: {max(per_day)}" if any(per_day) else "no answers in this period yet")
        weekly = [v for v in stats.accuracy_per_week.values()]
        self.query_one("#per-week", Sparkline).data = [v if v is not None else 0.0 for v in weekly]
        known = [f"{v:.0%}" for v in weekly if v is not None]
        self.query_one("#per-week-label", Static).update(
            f"12 weeks, oldest first; latest {known[-1]}" if known else "no answers in the last 12 weeks yet")
        ex = self.query_one("#exercise-stats", DataTable)
        ex.clear(columns=True)
        ex.add_columns("exercise", "status", "attempts", "to first pass", "review")
        for e in stats.exercises:
            status = statuses.get(e.exercise, "")
            ex.add_row(e.exercise, status, str(e.attempts), str(e.attempts_to_first_pass or "—"), "due" if e.due else "")
