"""One exercise as a workbench: your file in an editor, the contract beside it, grades and runs on a key.

The file on disk is the truth: ctrl+s writes the editor's text to it atomically and grades it; a change
made outside the app is noticed (watchfiles) and loaded, or asked about when there are unsaved edits;
unsaved edits are kept in a recovery file beside it a moment after typing stops, and offered back
when the exercise is opened again after a crash.
"""

from __future__ import annotations

import threading
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, LoadingIndicator, Static

from ...grading.limits import DEFAULT_TIMEOUT_S
from ..widgets.file_editor import FileEditor
from ..widgets.workbench import OutputPanel, Panel, ResultPanel, UnsavedScreen, read_text, reflow
from .once import AnswersOnce

WIDE = 120       # from this many columns the panels stand beside the editor, else below it
PANELS = ("#editor", "#instructions-panel", "#grade-result", "#run-output")
# Below WIDE the lower area holds the instructions and the grade side by side, or a run's output across
# the whole width (three columns of 26 are too narrow to read a traceback in).
NOTES, OUTPUT = ("#instructions-panel", "#grade-result"), ("#run-output",)
STATUS_LINES = {"pass": "✓ all checks pass — s (out of the editor) shows the reference to compare with",
                "timeout": "⏱ timed out — look for an infinite loop or very slow code",
                "error": "! your code could not run to the end", "fail": "✗ not yet"}


class ExerciseScreen(AnswersOnce, Screen[None]):
    """One exercise: your file in an editor, its instructions, the last grade and the last run."""

    BINDINGS = [
        Binding("ctrl+s", "save_and_grade", "Grade", priority=True),
        Binding("ctrl+r", "run", "Run", priority=True),
        Binding("ctrl+o", "next_panel", "Panel", priority=True),
        # the footer fits 80 columns with the keys used most; the rest are in the help (?), which lists every key
        Binding("f", "zoom", "Full size", show=False),
        Binding("e", "edit", "Edit", show=False),
        Binding("g", "save_and_grade", "Grade", show=False),
        Binding("h", "hint", "Hint"),
        Binding("d", "derivation", "Derivation", show=False),
        Binding("r", "reset", "Reset", show=False),
        Binding("s", "solution", "Solution", show=False),
        Binding("escape", "leave", "Back"),
    ]

    def __init__(self, exercise) -> None:
        super().__init__()
        self.sub_title = exercise.title  # before the header mounts, as on every screen
        self.exercise = exercise
        self.grader = None
        self.hints_shown = 0
        self.lower = NOTES  # what the lower area shows below WIDE columns
        self.ran = False    # the output panel exists once the file has been run
        self.grader_timeout = DEFAULT_TIMEOUT_S
        # one grade at a time: the warm grader is one channel, and saving twice (or g, g) starts two workers
        self._grade_lock = threading.Lock()
        self.closed = False
        from ...grading.workspace import workspace_file

        self.path: Path = workspace_file(exercise)

    def compose(self) -> ComposeResult:
        e = self.exercise
        yield Header()
        yield Static(f"[b]{e.id} — {e.title}[/b]  [dim]{e.topic} · difficulty {e.difficulty}[/dim]", classes="title")
        with Container(id="workbench"):
            yield FileEditor.for_file(self.path, id="editor")
            with Container(id="side"):
                with Panel(id="instructions-panel"):
                    yield Static("", id="hints")
                    yield Static(reflow(e.instructions()) or "(no instructions)", id="instructions", markup=False)
                yield ResultPanel(id="grade-result")
                yield OutputPanel(id="run-output")
        with Horizontal(id="grade-status"):
            yield LoadingIndicator(id="spinner")
            yield Static("ctrl+s saves and grades · ctrl+r runs the file · ctrl+o moves between panels", id="grade-line")
        yield Footer()

    @property
    def editor(self) -> FileEditor:
        return self.query_one("#editor", FileEditor)

    @property
    def unsaved_edits(self) -> bool:
        return self.is_mounted and self.editor.unsaved_edits

    def on_mount(self) -> None:
        self.query_one("#spinner").display = False
        self.query_one("#hints").display = False
        self.query_one("#instructions-panel").border_title = "instructions"
        self.query_one("#grade-result").border_title = "grade"
        self.query_one("#run-output").border_title = "output"
        self.editor.focus()
        self._layout(self.app.size.width)
        self.editor.offer_recovery()

    def on_resize(self, event) -> None:
        self._layout(event.size.width)

    def _layout(self, width: int) -> None:
        self.query_one("#workbench").set_class(width >= WIDE, "wide")
        self._arrange()

    def _show_lower(self, panels: tuple[str, ...]) -> None:
        self.lower = panels
        self._arrange()

    def _arrange(self) -> None:
        """Which panels are shown: all of them from WIDE columns, else the lower area's pair or the output."""
        wide = self.query_one("#workbench").has_class("wide")
        for panel in NOTES:
            self.query_one(panel).display = wide or self.lower == NOTES
        self.query_one("#run-output").display = self.ran and (wide or self.lower == OUTPUT)
        self.query_one("#side").set_class(not wide and self.lower == OUTPUT, "output")
        self.call_after_refresh(self.editor.scroll_cursor_visible)  # the editor may have shrunk: keep its cursor in view

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

    @property
    def shown(self) -> bool:
        """Still on the screen stack (perhaps under a dialog); False from the moment it is popped."""
        return not self.closed and self in self.app.screen_stack

    # -- the file and the buffer (kept by the editor: see widgets/file_editor.py) ----------------
    def _load(self, text: str) -> None:
        self.editor.load(text)

    def save(self) -> bool:
        """Write the buffer to the file (only if it has unsaved edits); False if it could not be written."""
        return self.editor.save()

    @on(FileEditor.Reloaded, "#editor")
    def _reloaded(self) -> None:
        """The file changed outside the app and is loaded: grade it, as `quizprep watch` would."""
        self.notify(f"{self.path.name} changed on disk: loaded, and graded.")
        self.action_grade()

    def ask_before_leaving(self, then) -> bool:
        """With unsaved edits, ask (save / discard / stay) and call `then()` unless you stay; False when nothing to ask."""
        if not self.unsaved_edits:
            return False

        def done(choice: str | None) -> None:
            if choice == "save" and self.save():
                then()
            elif choice == "discard":
                self.editor.forget_edits()  # nothing to ask again on the way out
                then()

        self.app.push_screen(UnsavedScreen(f"{self.path.name} has unsaved edits."), done)
        return True

    def action_leave(self) -> None:
        if not self.ask_before_leaving(lambda: self.dismiss(None)):
            self.dismiss(None)

    def action_next_panel(self) -> None:
        """The next of editor, instructions, grade and output (once there is one), bringing it into the lower area."""
        if self.maximized is not None:
            self.minimize()
        panels = [self.query_one(p) for p in PANELS if p != "#run-output" or self.ran]
        at = panels.index(self.focused) if self.focused in panels else -1
        target = panels[(at + 1) % len(panels)]
        if f"#{target.id}" in NOTES + OUTPUT:
            self._show_lower(NOTES if f"#{target.id}" in NOTES else OUTPUT)
        self.set_focus(target)  # at once (focus() waits a turn): a quick second ctrl+o moves on from this one

    def action_zoom(self) -> None:
        """The panel with the focus takes the whole screen (a long traceback, the instructions); f or esc restores it."""
        if self.maximized is not None:
            self.minimize()
        elif self.focused is not None and self.focused is not self.editor:
            self.maximize(self.focused, container=False)

    def action_edit(self) -> None:
        self.editor.focus()

    @on(ResultPanel.JumpTo)
    def _jump(self, message: ResultPanel.JumpTo) -> None:
        row = min(max(message.line - 1, 0), max(self.editor.document.line_count - 1, 0))
        self.editor.focus()
        self.editor.cursor_location = (row, len(self.editor.document[row]) - len(self.editor.document[row].lstrip()))
        self.editor.scroll_cursor_visible(center=True)

    # -- grading and running ---------------------------------------------------------------------
    def action_save_and_grade(self) -> None:
        if self.save():
            self.action_grade()

    def action_grade(self) -> None:
        self.query_one("#spinner").display = self.app.animate
        self.query_one("#grade-line", Static).update("checking…")
        self.query_one(ResultPanel).show("checking…")
        self._show_lower(NOTES)
        self.run_grade(self.editor.disk_text)

    @work(thread=True, exclusive=True, group="grade")
    def run_grade(self, source: str) -> None:
        from ...grading.warm_client import WarmGrader

        with self._grade_lock:  # asked for, so graded and recorded even if you leave the screen meanwhile
            if self.grader is None:
                self.grader = WarmGrader(self.exercise, timeout=self.grader_timeout)
            result = self.grader.grade(self.path)
            warning = self.app.services.record_grade(self.exercise.id, result, source=source)  # a pass keeps this version
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
        self.query_one("#grade-line", Static).update(STATUS_LINES.get(result.status, result.status))
        self.query_one(ResultPanel).show_grade(result)

    def action_run(self) -> None:
        if not self.save():
            return
        self.ran = True
        self._show_lower(OUTPUT)
        self.query_one(OutputPanel).show("running your file's __main__ block…")
        self.query_one("#grade-line", Static).update("running…")
        self.run_main()

    @work(thread=True, exclusive=True, group="run")
    def run_main(self) -> None:
        result = self.app.services.run_exercise(self.exercise, self.path, timeout=self.grader_timeout)
        self.app.call_from_thread(self._show_run, result)

    def _show_run(self, result) -> None:
        if not self.shown:
            return
        self.query_one(OutputPanel).show_run(result)
        from ..markup import escape

        self.query_one("#grade-line", Static).update({"ok": "ran to the end", "timeout": "⏱ the run timed out"}.get(
            result.status, escape(f"! the run stopped: {result.message}")))

    # -- hints, derivation, reset, reference -----------------------------------------------------
    def action_hint(self) -> None:
        hints = self.exercise.hints
        if self.hints_shown < len(hints):
            self.hints_shown += 1
            self.app.services.record_event("hint", self.exercise.id, str(self.hints_shown))
        from ..markup import escape

        shown = "\n".join(f"[b]hint {i + 1}/{len(hints)}[/b] {escape(h)}" for i, h in enumerate(hints[: self.hints_shown]))
        box = self.query_one("#hints", Static)
        box.update(shown + "\n")
        box.display = True
        self.query_one("#instructions-panel").scroll_home(animate=False)

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

                if self.unsaved_edits:
                    self.save()  # your edits go into the backup, not nowhere
                backup = reset(self.exercise)
                self._load(read_text(self.path) or "")
                self.notify(f"Back to the stub. Your version is saved as {backup}." if backup else "Back to the stub.")

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
