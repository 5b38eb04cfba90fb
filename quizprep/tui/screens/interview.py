"""A timed mock interview: concept questions and coding, a countdown always in view, then the report.

Everything the learner does is kept as it happens (InterviewRecorder): each concept answer is
recorded like a quiz answer and the interview is saved as unfinished after every item, so a crash
or a quit loses nothing; the end marks it finished. An interview ended before its first answer is
not kept. A coding item is written in the workbench's FileEditor (saved atomically, a recovery copy
of unsaved edits, outside changes loaded); the code is kept with the report beside its latest grade.
"""

from __future__ import annotations

import shutil

from textual import work
from textual._time import time as message_clock  # the clock Textual stamps every message with
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown, Static

from ...quiz.interview import Report
from ..markup import escape
from ..widgets.answers import (
    AnswerGiven,
    AnswerInvalid,
    KeyPointsAnswer,
    answer_widgets,
    answer_with_cues,
    key_points_title,
    press_answer_button,
)
from .once import AnswersOnce

# Actions that only mean something while a coding item is shown: hidden from the footer elsewhere.
CODING_ACTIONS = ("grade", "skip")
# The screen's own submit keys, for when the focus has left the answer (tab): each hands on to the answer widget.
SUBMIT_ACTIONS = ("compare", "score", "submit")
ENTER_SUBMITS = ("multiple", "order")  # the types whose answer widget submits on enter, saying so in the footer


class InterviewScreen(AnswersOnce, Screen[Report | None]):
    """Runs a mock interview until time is up (or escape); returns the stored report, or None if nothing was answered."""

    BINDINGS = [
        Binding("ctrl+g", "grade", "Grade the exercise", priority=True),
        Binding("ctrl+s", "grade", "Grade the exercise", show=False),  # as on the exercise screen; an answer's own ctrl+s comes first
        Binding("ctrl+n", "skip", "Move on", priority=True),
        Binding("escape", "end_early", "End interview"),
        # the answer's own keys, kept in the footer (and working) when the focus is elsewhere on the screen (tab)
        Binding("ctrl+s", "compare", "Compare"),
        Binding("enter", "score", "Score it"),
        Binding("enter", "submit", "Submit"),
    ]

    def __init__(self, session) -> None:
        super().__init__()
        self.sub_title = f"Mock interview — {session.minutes} min"  # before the header mounts
        self.session = session
        self.recorder = None
        self.explain_text: str | None = None
        self.exercise_path = None
        self.stub_text = ""           # the current exercise's stub: code equal to it was not written here
        self.last_status = "skipped"  # the current exercise's latest grade; what ctrl+n records
        self.finished = False
        self._advancing = False       # between items: answers and keys meant for the old item are dropped
        self._shown_at = 0.0          # when the current item's widgets appeared (Textual's message clock)

    @property
    def state(self) -> str:
        """answering, or ticking the key points of an explain answer (as on the quiz screen)."""
        return "ticking" if self.explain_text is not None else "answering"

    @property
    def ready(self) -> bool:
        """The current item is on screen and takes keys (False while moving from one item to the next)."""
        return self.is_mounted and not self._advancing

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="countdown")
        yield Static("", id="quiz-meta")
        with VerticalScroll(id="quiz-scroll"):
            yield Markdown("", id="prompt")
            yield Vertical(id="answer-area")
        yield Static("", id="status-line")
        yield Footer()

    async def on_mount(self) -> None:
        self.recorder = self.app.services.interview_recorder(self.session)
        self.set_interval(1.0, self.tick)
        self.tick()
        await self.show_current()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grading and moving on exist only on a coding item; elsewhere they are hidden from the footer."""
        if action in CODING_ACTIONS:
            entry = self.session.current
            return not self.finished and entry is not None and entry.kind == "exercise"
        if action in SUBMIT_ACTIONS:
            return self._submitter(action) is not None
        return True

    def _submitter(self, action: str):
        """The answer widget the screen's `action` (compare, score, submit) hands on to, or None where it means nothing."""
        entry = self.session.current
        if self.finished or self._advancing or entry is None or entry.kind != "question":
            return None
        qtype = entry.item.question.type
        if action == "score":
            wanted = "#key-points" if self.state == "ticking" else None
        elif action == "compare":
            wanted = "ExplainAnswer" if qtype == "explain" and self.state == "answering" else None
        else:
            wanted = "#answer" if qtype in ENTER_SUBMITS else None
        return next(iter(self.query(wanted).results()), None) if wanted else None

    def _hand_on(self, action: str) -> None:
        widget = self._submitter(action)
        if widget is not None:
            widget.action_submit()

    def action_compare(self) -> None:
        self._hand_on("compare")

    def action_score(self) -> None:
        self._hand_on("score")

    def action_submit(self) -> None:
        self._hand_on("submit")

    def tick(self) -> None:
        if self.finished:
            return
        left = self.session.remaining()
        self.query_one("#countdown", Static).update(
            f"[b]⏱ {int(left // 60):02d}:{int(left % 60):02d} left[/b] · item {min(len(self.session.results) + 1, len(self.session.items))}"
            f" of {len(self.session.items)}")
        if self.session.time_up:
            self.action_finish()

    async def show_current(self) -> None:
        """Replace the answer area with the current item (the old widgets are gone before the new ones mount)."""
        if self.finished:
            return
        entry = self.session.current
        if entry is None:
            self.action_finish()
            return
        self._advancing = True
        try:
            area = self.query_one("#answer-area")
            await area.remove_children()
            self.explain_text = None
            self.exercise_path = None
            self.stub_text = ""
            self.last_status = "skipped"
            self._shown_at = message_clock()
            if entry.kind == "question":
                await self._show_question(area, entry)
            else:
                await self._show_exercise(area, entry)
        finally:
            self._advancing = False
            self.refresh_bindings()

    async def _show_question(self, area, entry) -> None:
        q = entry.item.question
        self.query_one("#quiz-meta", Static).update(f"{q.topic} · difficulty {q.difficulty} · [dim]{q.id}[/dim]")
        self.query_one("#prompt", Markdown).update(q.prompt)
        await area.mount_all(answer_widgets(entry.item))
        # focus at once (not after the next refresh), so the keys typed next go to the answer; the question is
        # shown from its top (focusing an explain box at the foot of the screen would scroll the prompt away)
        self.set_focus(next(iter(self.query("#answer").results()), None), scroll_visible=False)
        self.query_one("#quiz-scroll").scroll_home(animate=False)
        self.query_one("#status-line", Static).update("answer as in an interview; you see how you did in the report")

    async def _show_exercise(self, area, entry) -> None:
        from ...grading.workspace import workspace_dir
        from ..widgets.file_editor import FileEditor
        from ..widgets.workbench import reflow

        exercise = self.app.services.exercise(entry.exercise)
        path = workspace_dir().parent / "interview" / f"{exercise.id}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(exercise.stub, path)  # a fresh copy of the stub, whatever the workspace holds
        self.exercise_path = path
        self.query_one("#quiz-meta", Static).update(f"coding · {exercise.topic} · difficulty {exercise.difficulty}")
        self.query_one("#prompt", Markdown).update(f"**{exercise.id} — {exercise.title}** — write it below (the contract follows)")
        editor = FileEditor.for_file(path, id="interview-editor")
        self.stub_text = editor.disk_text
        await area.mount(editor, Static(escape(reflow(exercise.instructions()))))
        self.query_one("#status-line", Static).update("ctrl+g saves and grades your code · ctrl+n moves on without it")
        self.set_focus(editor, scroll_visible=False)
        self.query_one("#quiz-scroll").scroll_home(animate=False)
        editor.offer_recovery("a mock interview was stopped")

    @property
    def editor(self):
        """The current coding item's editor (a FileEditor), or None on a question."""
        return next(iter(self.query("#interview-editor").results()), None)

    def written_code(self) -> str:
        """The code in the coding item's editor, or "" when nothing was written (the stub as it was)."""
        editor = self.editor
        return "" if editor is None or editor.text == self.stub_text else editor.text

    def on_text_area_changed(self, message) -> None:
        if message.text_area is self.editor:  # not an explain answer, nor the editor of an item already left
            self._keep_code()

    def _keep_code(self) -> None:
        """What the coding item holds so far, in the session: if the interview ends now, the report keeps it."""
        self.session.keep_draft(self.written_code(), "" if self.last_status == "skipped" else self.last_status)

    def on_file_editor_reloaded(self, message) -> None:
        self.notify(f"{message.editor.path.name} changed on disk: loaded. ctrl+g grades it.")

    def _end_coding_item(self) -> str:
        """The code written, with the buffer saved to its file (it is in the report now: no recovery copy needed)."""
        code = self.written_code()
        editor = self.editor
        if editor is not None:
            editor.save()
        return code

    def on_answer_invalid(self, message: AnswerInvalid) -> None:
        self.query_one("#status-line", Static).update(f"[b]{escape(message.reason)}[/b]")

    async def on_answer_given(self, message: AnswerGiven) -> None:
        message.stop()
        if self.finished or self._advancing or message.time < self._shown_at:
            return  # a second keypress meant for the item already answered
        entry = self.session.current
        if entry is None or entry.kind != "question":
            return
        q = entry.item.question
        if q.type == "explain" and self.explain_text is None:
            await self._show_key_points(q, message.text)
            return
        self.session.answer(message.response, text=self.explain_text or "")
        if q.type == "explain":  # how the final ticks differ from the cues'
            self.app.services.record_tick_change(q, self.explain_text or "", message.response)  # key points are never shuffled
        self.recorder.item_done()
        await self.show_current()

    async def _show_key_points(self, q, text: str) -> None:
        self._advancing = True
        try:
            self.explain_text = text
            area = self.query_one("#answer-area")
            await area.remove_children()
            self._shown_at = message_clock()
            suggested = self.app.services.suggested_ticks(q, text) if text.strip() else frozenset()
            points = KeyPointsAnswer(list(q.key_points), ticked=suggested)  # the cues' ticks are the score unless corrected
            model = Markdown("")
            await area.mount(Static("[b]Your answer[/b]"), Static(answer_with_cues(q, text), id="your-answer"),
                             Static("[b]Model answer[/b]"), model,
                             Static(key_points_title(q, suggested, "enter to go on"), id="key-points-title"), points)
            await model.update(q.model_answer)  # its full height is known before the checklist is scrolled to
            self.set_focus(points, scroll_visible=False)
        finally:
            self._advancing = False
            self.refresh_bindings()
        self.call_after_refresh(self._reveal_key_points)

    def _reveal_key_points(self) -> None:
        """Scroll the checklist into view (below a long model answer it starts off screen)."""
        points = next(iter(self.query("#key-points").results()), None)
        if points is not None:
            self.query_one("#quiz-scroll").scroll_to_widget(points, animate=False)

    def on_option_list_option_highlighted(self, event) -> None:
        """A key moving through the checklist (arrows, page down) brings it into view, wherever the page was scrolled."""
        if event.option_list.id == "key-points":
            self._reveal_key_points()

    def on_button_pressed(self, event) -> None:
        press_answer_button(self, event.button.id)

    def action_grade(self) -> None:
        entry = self.session.current
        if entry is None or entry.kind != "exercise" or self.exercise_path is None:
            return
        from ..widgets.workbench import read_text

        editor = self.editor
        if editor is not None and not editor.save():  # unchanged: the file is graded as it is on disk
            return
        source = read_text(self.exercise_path) or ""
        self.query_one("#status-line", Static).update("checking…")
        self.run_grade(entry.exercise, self.exercise_path, "" if source == self.stub_text else source)

    @work(thread=True, exclusive=True, group="interview-grade")
    def run_grade(self, exercise_id: str, path, code: str = "") -> None:
        from ...grading.limits import DEFAULT_TIMEOUT_S
        from ...grading.warm_client import WarmGrader

        exercise = self.app.services.exercise(exercise_id)
        with WarmGrader(exercise, timeout=min(DEFAULT_TIMEOUT_S, max(self.session.remaining(), 1.0))) as grader:
            result = grader.grade(path)
        warning = self.app.services.record_grade(exercise_id, result, source=path)  # a grade in an interview counts like any other
        if warning:
            self.app.call_from_thread(self.app.notify, warning, severity="warning", timeout=15)
        self.app.call_from_thread(self._graded, exercise_id, result, code)

    async def _graded(self, exercise_id: str, result, code: str = "") -> None:
        entry = self.session.current
        if self.finished or entry is None or entry.kind != "exercise" or entry.exercise != exercise_id:
            return  # the learner moved on while it was being graded
        if result.status == "pass":
            self._end_coding_item()
            self.session.record_exercise("pass", self.app.services.exercise_topics.get(exercise_id, ""), code=code)
            self.recorder.item_done()
            self.notify(f"{exercise_id}: all checks pass")
            await self.show_current()
        else:
            first = result.first_failure
            hint = f" — {first.name}: {first.message}" if first else (f" — {result.message}" if result.message else "")
            self.query_one("#status-line", Static).update(
                escape(f"{result.status}: {result.passed}/{len(result.checks)} checks{hint}") + " · ctrl+g again · ctrl+n move on")
            self.last_status = result.status
            self._keep_code()

    async def action_skip(self) -> None:
        entry = self.session.current
        if self.finished or self._advancing or entry is None or entry.kind != "exercise":
            return
        code = self._end_coding_item()
        self.session.record_exercise(self.last_status, self.app.services.exercise_topics.get(entry.exercise, ""), code=code)
        self.recorder.item_done()
        await self.show_current()

    def keep_draft(self) -> None:
        """The coding item under way, when the interview ends before it is recorded: its code and latest grade go in the report."""
        if self.editor is not None:
            self._end_coding_item()
            self._keep_code()

    def on_unmount(self) -> None:
        """Quitting the app mid-interview: the code under way (kept as it is typed) goes in the unfinished report too."""
        if self.finished or self.recorder is None:
            return
        try:
            self.recorder.item_done()
        except Exception:  # noqa: BLE001 — on the way out a draft is a courtesy; the recovery copy still holds it
            pass

    def action_end_early(self) -> None:
        from .confirm import ConfirmScreen

        def done(yes: bool | None) -> None:
            if yes:
                self.action_finish()

        self.app.push_screen(ConfirmScreen("End the interview now? Items not answered yet count as missed."), done)

    def action_finish(self) -> None:
        if self.finished:
            return
        self.finished = True
        self.refresh_bindings()
        self.keep_draft()
        report = self.recorder.finish() if self.recorder is not None else None
        while self.app.screen is not self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()  # a question asked over the interview (end it now?) is moot when time runs out
        self.dismiss(report)
