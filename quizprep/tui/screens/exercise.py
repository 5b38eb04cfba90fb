"""One exercise: its instructions, your file, and grading — on demand and on every save."""

from __future__ import annotations

import os
import re
import threading

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, LoadingIndicator, Static

from ...grading.limits import DEFAULT_TIMEOUT_S
from ...grading.report import HEADLINES, MARKS

WATCH_EVERY_S = 0.25


LIST_ITEM = re.compile(r"^\s*(?:[-*]|\d+[.)])\s+")


def reflow(text: str) -> str:
    """Join the hard-wrapped lines of each prose paragraph and list item, so the panel wraps them at its own
    width; code (indented four more than its paragraph) and blank lines stay as they are."""
    out: list[str] = []
    joinable = False  # the last line is prose that the next prose line continues
    context = 0  # the indent a list item's text starts at (0 outside a list)
    for line in text.splitlines():
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        item = LIST_ITEM.match(line)
        if not stripped:
            out.append("")
            joinable, context = False, 0
        elif item:
            out.append(line.rstrip())
            joinable, context = True, len(item.group(0))
        elif indent >= context + 4:  # code, a formula or a table: its line breaks mean something
            out.append(line.rstrip())
            joinable = False
        elif joinable:
            out[-1] += " " + stripped
        else:
            out.append(line.rstrip())
            joinable = True
    return "\n".join(out)


def format_result_markup(result) -> str:
    """A grade for the screen: the first problem first (it is what to fix), then every check."""
    from rich.markup import escape

    lines = [f"[b]{HEADLINES.get(result.status, result.status)}[/b] — {result.passed}/{len(result.checks)} checks, "
             f"{result.duration_s:.2f} s"]
    if result.message:
        lines.append(escape(result.message))
        lines.extend(f"  {escape(d)}" for d in result.detail.splitlines()[-6:])
    first = result.first_failure
    if first is not None:
        lines.append(f"[b]first problem — {escape(first.name)}[/b]\n{escape(first.message)}")
        lines.extend(f"  {escape(d)}" for d in first.diagnosis)
        lines.append("")
    lines.extend(f"{MARKS.get(c.status, '?')} {escape(c.name)}" for c in result.checks if c.status != "not_run")
    return "\n".join(lines)


class ExerciseScreen(Screen[None]):
    """One exercise: its instructions, hints and grades of your file."""

    BINDINGS = [
        Binding("g", "grade", "Grade"),
        Binding("e", "edit", "Edit"),
        Binding("h", "hint", "Hint"),
        Binding("d", "derivation", "Derivation"),
        Binding("r", "reset", "Reset"),
        Binding("s", "solution", "Solution"),
        Binding("escape", "dismiss", "Back"),
    ]

    def __init__(self, exercise) -> None:
        super().__init__()
        self.sub_title = exercise.title  # before the header mounts, as on every screen
        self.exercise = exercise
        self.grader = None
        self.signature = None
        self.hints_shown = 0
        self.grader_timeout = DEFAULT_TIMEOUT_S
        # one grade at a time: the warm grader is one channel, and saving twice (or g, g) starts two workers
        self._grade_lock = threading.Lock()
        self.closed = False

    def compose(self) -> ComposeResult:
        e = self.exercise
        yield Header()
        yield Static(f"[b]{e.id} — {e.title}[/b]  [dim]{e.topic} · difficulty {e.difficulty}[/dim]", classes="title")
        yield Static("", id="exercise-path")
        with Horizontal(id="grade-status"):
            yield LoadingIndicator(id="spinner")
            yield Static("press g to grade — saving your file re-grades it", id="grade-line")
        with VerticalScroll(id="exercise-doc"):
            yield Static("", id="grade-result")
            yield Static("", id="hints")
            yield Static(self._instructions(), id="instructions", markup=False)
        yield Footer()

    def _instructions(self) -> str:
        return reflow(self.exercise.instructions()) or "(no instructions)"

    def on_mount(self) -> None:
        from ...grading.workspace import workspace_file

        self.path = workspace_file(self.exercise)
        self.query_one("#exercise-path", Static).update(f"your file: {self.path}   [dim](e edits it; saving re-grades)[/dim]")
        self.query_one("#spinner").display = False
        self.query_one("#grade-result").display = False
        self.query_one("#hints").display = False
        self.signature = self._signature()
        self.set_interval(WATCH_EVERY_S, self._check_saved)

    def on_unmount(self) -> None:
        self.closed = True
        if self._grade_lock.acquire(blocking=False):  # else the grade under way closes it when it ends
            try:
                self._close_grader()
            finally:
                self._grade_lock.release()

    def _close_grader(self) -> None:
        if self.grader is not None:
            self.grader.close()
            self.grader = None

    def _signature(self):
        try:
            st = os.stat(self.path)
            return (st.st_mtime_ns, st.st_size)
        except OSError:
            return None

    @property
    def shown(self) -> bool:
        """Still on the screen stack (perhaps under a dialog); False from the moment it is popped, while its
        widgets are being removed, when a timer or a finished grade must not look for them."""
        return not self.closed and self in self.app.screen_stack

    def _check_saved(self) -> None:
        if not self.shown:
            return
        sig = self._signature()
        if sig != self.signature:
            self.signature = sig
            self.action_grade()

    # -- grading --------------------------------------------------------------------------------
    def action_grade(self) -> None:
        self.query_one("#spinner").display = self.app.animate
        self.query_one("#grade-line", Static).update("checking…")
        self.run_grade()

    @work(thread=True, exclusive=True, group="grade")
    def run_grade(self) -> None:
        from ...grading.warm_client import WarmGrader

        with self._grade_lock:  # asked for, so graded and recorded even if you leave the screen meanwhile
            if self.grader is None:
                self.grader = WarmGrader(self.exercise, timeout=self.grader_timeout)
            result = self.grader.grade(self.path)
            warning = self.app.services.record_grade(self.exercise.id, result, source=self.path)  # counts even if you have left the screen
            if warning:
                self.app.call_from_thread(self.app.notify, warning, severity="warning", timeout=15)
            if self.closed:
                self._close_grader()
                return
        self.app.call_from_thread(self._show_result, result)

    def _show_result(self, result) -> None:
        if not self.shown:
            return
        self.query_one("#spinner").display = False
        line = {"pass": "✓ all checks pass — s shows the reference to compare with",
                "timeout": "⏱ timed out — look for an infinite loop or very slow code",
                "error": "! your code could not run to the end", "fail": "✗ not yet"}.get(result.status, result.status)
        self.query_one("#grade-line", Static).update(line)
        box = self.query_one("#grade-result", Static)
        box.update(format_result_markup(result))
        box.set_classes(result.status)
        box.display = True
        self.query_one("#exercise-doc").scroll_home(animate=False)

    # -- other actions --------------------------------------------------------------------------
    def action_edit(self) -> None:
        import shlex
        import subprocess

        from textual.app import SuspendNotSupported

        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        try:
            with self.app.suspend():
                subprocess.call([*shlex.split(editor), str(self.path)])
        except FileNotFoundError:
            self.notify(f"Cannot start the editor `{editor}`; set $EDITOR or edit {self.path} yourself.", severity="error")
        except SuspendNotSupported:  # no terminal to hand over (e.g. a web or headless session)
            self.notify(f"This terminal cannot hand over to an editor; edit {self.path} in another window — saving re-grades it.",
                        severity="warning")
        self._check_saved()

    def action_hint(self) -> None:
        hints = self.exercise.hints
        if self.hints_shown < len(hints):
            self.hints_shown += 1
            self.app.services.record_event("hint", self.exercise.id, str(self.hints_shown))
        shown = "\n".join(f"[b]hint {i + 1}/{len(hints)}[/b] {h}" for i, h in enumerate(hints[: self.hints_shown]))
        hints = self.query_one("#hints", Static)
        hints.update(shown + "\n")
        hints.display = True

    def action_derivation(self) -> None:
        """The derivation behind the exercise, shown only when asked for (as `quizprep explain`)."""
        from .confirm import MarkdownScreen

        try:
            text = self.exercise.derivation_text()
        except OSError as err:
            self.notify(f"Cannot read {self.exercise.derivation}: {err.strerror or err}", severity="error")
            return
        if text is None:
            self.notify(f"{self.exercise.id} has no derivation; h shows the next hint.")
            return
        self.app.services.record_event("derivation", self.exercise.id)
        self.app.push_screen(MarkdownScreen(f"How {self.exercise.id} is derived", text))

    def action_reset(self) -> None:
        from .confirm import ConfirmScreen

        def done(yes: bool | None) -> None:
            if yes:
                from ...grading.workspace import reset

                backup = reset(self.exercise)
                self.notify(f"Back to the stub. Your version is saved as {backup}." if backup else "Back to the stub.")
                self._check_saved()

        self.app.push_screen(ConfirmScreen(f"Reset {self.exercise.id} to the stub? Your current file is kept as a backup."), done)

    def action_solution(self) -> None:
        from .confirm import ConfirmScreen, TextScreen

        def show() -> None:
            self.app.push_screen(TextScreen(f"Reference: {self.exercise.id}", self.exercise.solution.read_text(encoding="utf-8")))

        if self.app.services.ever_passed(self.exercise.id) or self.app.services.count_events("gave_up", self.exercise.id):
            show()
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.app.services.record_event("gave_up", self.exercise.id)
                show()

        self.app.push_screen(ConfirmScreen("You have not passed this one yet. Give up and see the reference? (This is recorded.)"), done)
