"""Home: today at a glance, what to study next, and the ways in."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ..markup import escape

# links, not buttons: clickable, and four Buttons cost the first frame more than the rest of the screen
WAYS_IN = " ".join(f"[@click=app.{action}][reverse] {label} [/reverse][/]" for action, label in
                    (("review", "r Review"), ("topics", "t Quiz"), ("exercises", "e Exercises"), ("progress", "p Progress"),
                     ("interview", "i Mock interview"), ("search", "/ Search")))

WELCOME = (
    "Welcome to quizprep. Start with [b]Review[/b]: it brings today's new questions, and from then on\n"
    "whatever is due. The [b]Exercises[/b] are numpy implementations graded as you save."
)


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def plan_lines(plan, new_left: int) -> list[str]:
    """Days left and today's plan, for the Today panel (`new_left`: what is left of today's new questions)."""
    if plan.too_far:
        return [f"[b]Interview date {plan.interview}[/b] is more than a year away, so there is no plan — "
                "`quizprep plan --date` sets the real one\n"]
    if not plan.days:
        if plan.interview < plan.today:
            return [f"[b]Your interview date {plan.interview} has passed[/b] — [b]d[/b]: the next date, or none\n"]
        return [f"[b]Interview day: {plan.interview}[/b] — good luck!\n"]
    today = plan.today_plan
    lines = [f"[b]{plural(plan.days_left, 'day')} to your interview[/b] ({plan.interview})"]
    if today is not None:
        todo = []
        if today.new_total:
            done = f" ({new_left} left)" if new_left != today.new_total else ""
            todo.append(f"{plural(today.new_total, 'new question')} over {plural(len(today.new_by_topic), 'topic')}{done}")
        if today.exercises:
            todo.append("exercise " + ", ".join(today.exercises))
        if today.mock_interview:
            todo.append("a mock interview (i)")
        lines.append("Today's plan: " + ("; ".join(todo) if todo else "reviews only"))
    return lines + [""]


def readiness_lines(readiness, titles: dict[str, str]) -> list[str]:
    """The readiness forecast for the interview day (what you would recall if you stopped now) and the
    three least ready topics, for the Today panel."""
    lines = [f"Readiness:           [b]{readiness.overall:.0%}[/b] on the day"]
    weakest = readiness.weakest(3)
    if weakest:
        lines.append("Least ready:")
        lines.extend(f"  {escape(titles.get(t, t))} [b]{p:.0%}[/b]" for t, p in weakest)
    return lines + [""]


PASSED_ANSWERED = "no_next_interview"  # preference: the passed interview date after which the learner said there is none


class HomeScreen(Screen[None]):
    """The dashboard: today's figures, what to study next and the ways in."""

    BINDINGS = [
        Binding("r", "app.review", "Review"),
        Binding("t", "app.topics", "Quiz"),
        Binding("e", "app.exercises", "Exercises"),
        Binding("p", "app.progress", "Progress"),
        Binding("i", "app.interview", "Mock interview"),
        Binding("d", "interview_date", "Interview date", show=False),  # said on the Today panel; the footer is full
        Binding("q", "app.quit", "Quit", show=False),  # like ctrl+q (in the help); the footer has no room at 80 columns
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(WAYS_IN, id="ways")
        with Horizontal(id="home-body"):
            # scrolled with the keyboard (↑↓, page keys) where a panel holds more than the terminal shows
            with VerticalScroll(id="today", classes="panel"):
                yield Static("Today", classes="title")
                yield Static("loading your progress…", id="today-figures")
            with VerticalScroll(id="next", classes="panel"):
                yield Static("Study this next", classes="title")
                yield Static("", id="next-topics")
        yield Static("", id="skipped")
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(self.refresh_figures)  # the first frame does not wait for the figures

    def on_screen_resume(self) -> None:
        self.refresh_figures()

    @work(thread=True, exclusive=True, group="home-figures")
    def refresh_figures(self) -> None:
        services = self.app.services
        catalog = services.catalog
        stats = services.stats()
        today = services.today()  # one object: the plan lines and the numbers below cannot disagree
        plan = today.plan
        if plan is not None and plan.interview < plan.today and services.preference(PASSED_ANSWERED) == plan.interview.isoformat():
            plan = None  # the learner said there is no next interview
        readiness = services.readiness(today) if plan is not None and not plan.too_far else None
        self.today_day, self.passed = today.day, plan.interview if plan is not None and plan.interview < plan.today else None
        reasons = services.mistake_reasons()  # a named mistake's questions wait at the front of the review
        self.app.call_from_thread(self._show, catalog, stats, today.new_left, plan, readiness, reasons)
        if not getattr(self.app, "notices_shown", False):
            self.app.notices_shown = True
            for notice in services.store_notices():
                self.app.call_from_thread(self.app.notify, notice, title="Your progress", severity="warning", timeout=30)

    def _show(self, catalog, stats, new_left: int, plan, readiness=None, reasons=()) -> None:
        first_run = stats.answers_total == 0 and stats.exercises_attempted == 0
        titles = {b.topic: b.title for b in catalog.banks}
        lines = []
        if first_run:
            lines.append(WELCOME + "\n")
        if plan is not None:
            lines.extend(plan_lines(plan, new_left))
        if readiness is not None:
            lines.extend(readiness_lines(readiness, titles))
        later = plan.today_plan.reviews_due - stats.due_now if plan is not None and plan.today_plan is not None else 0
        lines.append(f"Due for review:      [b]{stats.due_now}[/b]" + (f" now, {later} more later today" if later > 0 else ""))
        lines.append(f"New questions left:  [b]{new_left}[/b] today")
        lines.extend(f"[b]↳[/b] {escape(reason)}" for reason in reasons[:3])
        streak = plural(stats.streak_days, "day")
        lines.append(f"Streak:              [b]{streak}[/b]"
                     + ("" if stats.studied_today or not stats.streak_days else " — study today to keep it"))
        lines.append(f"Exercises passed:    [b]{stats.exercises_passed}[/b] of {stats.exercises_total}")
        due_ex = [e.exercise for e in stats.exercises if e.due]
        if due_ex:
            lines.append(f"Re-implement:        {', '.join(due_ex)}")
        lines.append(f"\n{plural(len(catalog.questions), 'question')} in {plural(len(catalog.banks), 'topic')}")
        if plan is None:
            lines.append("[dim]d: your interview date, for a plan[/dim]")
        self.query_one("#today-figures", Static).update("\n".join(lines))
        nxt = [f"[b]{i}. {titles.get(w.topic, w.topic)}[/b]\n   [dim]{w.reason}[/dim]" for i, w in enumerate(stats.weakest, 1)]
        self.query_one("#next-topics", Static).update("\n".join(nxt) + "\n\n[dim]t: quiz by topic[/dim]" if nxt else "")
        notes = []
        if catalog.problems:
            files = sorted({p.path.rsplit("/", 1)[-1] for p in catalog.problems})
            notes.append(f"⚠ {len(catalog.problems)} problem(s) in {', '.join(files)} kept some questions out — "
                         f"first: {catalog.problems[0].message} (run `quizprep validate`)")
        pack_problems = self.app.services.exercise_problems
        if pack_problems:
            notes.append(f"⚠ {len(pack_problems)} exercise pack problem(s) — first: {pack_problems[0]} (run `quizprep list`)")
        if notes:
            self.query_one("#skipped", Static).update(escape("\n".join(notes)))

    # -- the interview date ------------------------------------------------------------------------
    today_day = None  # the study day and the passed interview date, as the last figures found them
    passed = None

    def action_interview_date(self) -> None:
        from datetime import date

        from .interview_date import NONE, InterviewDateScreen

        passed = self.passed

        def done(answer) -> None:
            services = self.app.services
            if answer is None:
                return
            if answer == NONE:
                if passed is not None:
                    services.set_preference(PASSED_ANSWERED, passed.isoformat())
                else:
                    self.notify("Your interview date is kept; type a new date to change it.")
            else:
                self._set_date(answer)
            self.refresh_figures()

        self.app.push_screen(InterviewDateScreen(self.today_day or date.today(), passed), done)

    def _set_date(self, day) -> None:
        from ...progress import ReadOnlyStore

        try:
            self.app.services.set_interview_date(day)
        except ReadOnlyStore:
            self.notify("Your progress file is read-only, so the date was not saved.", severity="warning")
            return
        except ValueError as err:  # the day turned over while the dialog was open
            self.notify(f"Not saved: {err}.", severity="warning")
            return
        self.notify(f"Interview date set: {day}.")
