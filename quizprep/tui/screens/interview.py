"""A timed mock interview: concept questions and coding, a countdown always in view, then the report."""

from __future__ import annotations

import shutil

from rich.markup import escape
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown, Static

from ..widgets.answers import AnswerGiven, AnswerInvalid, KeyPointsAnswer, answer_widgets, press_answer_button


class InterviewScreen(Screen):
    """Runs an InterviewSession; when time is up (or escape) the report is stored and shown."""

    BINDINGS = [
        Binding("ctrl+g", "grade", "Grade the exercise", priority=True),
        Binding("ctrl+n", "skip", "Move on", priority=True),
        Binding("escape", "end_early", "End interview"),
    ]

    def __init__(self, session, *, topic_of_exercise: dict[str, str] | None = None) -> None:
        super().__init__()
        self.session = session
        self.topic_of_exercise = topic_of_exercise or {}
        self.explain_text: str | None = None
        self.exercise_path = None
        self.finished = False

    @property
    def state(self) -> str:
        """answering, or ticking the key points of an explain answer (as on the quiz screen)."""
        return "ticking" if self.explain_text is not None else "answering"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="countdown")
        yield Static("", id="quiz-meta")
        with VerticalScroll(id="quiz-scroll"):
            yield Markdown("", id="prompt")
            yield Vertical(id="answer-area")
        yield Static("", id="status-line")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Mock interview — {self.session.minutes} min"
        self.set_interval(1.0, self.tick)
        self.tick()
        self.show_current()

    def tick(self) -> None:
        if self.finished:
            return
        left = self.session.remaining()
        self.query_one("#countdown", Static).update(
            f"[b]⏱ {int(left // 60):02d}:{int(left % 60):02d} left[/b] · item {min(len(self.session.results) + 1, len(self.session.items))}"
            f" of {len(self.session.items)}")
        if self.session.time_up:
            self.action_finish()

    def show_current(self) -> None:
        entry = self.session.current
        if entry is None:
            self.action_finish()
            return
        area = self.query_one("#answer-area")
        area.remove_children()
        self.explain_text = None
        if entry.kind == "question":
            q = entry.item.question
            self.query_one("#quiz-meta", Static).update(f"{q.topic} · difficulty {q.difficulty} · [dim]{q.id}[/dim]")
            self.query_one("#prompt", Markdown).update(q.prompt)
            area.mount_all(answer_widgets(entry.item))
            self.call_after_refresh(lambda: next(iter(self.query("#answer").results()), self).focus())
            self.query_one("#status-line", Static).update("answer as in an interview; you see how you did in the report")
        else:
            from ...grading.workspace import workspace_dir
            from .exercise import stub_instructions

            exercise = self.app.services.exercise(entry.exercise)
            self.exercise_path = workspace_dir().parent / "interview" / f"{exercise.id}.py"
            self.exercise_path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(exercise.stub, self.exercise_path)
            self.query_one("#quiz-meta", Static).update(f"coding · {exercise.topic} · difficulty {exercise.difficulty}")
            self.query_one("#prompt", Markdown).update(f"**{exercise.id} — {exercise.title}**\n\nImplement it in `{self.exercise_path}`.")
            area.mount(Static(escape(stub_instructions(exercise.stub))))
            self.query_one("#status-line", Static).update("ctrl+g grades your file · ctrl+n moves on without it")
            self.focus()

    def on_answer_invalid(self, message: AnswerInvalid) -> None:
        self.query_one("#status-line", Static).update(f"[b]{escape(message.reason)}[/b]")

    def on_answer_given(self, message: AnswerGiven) -> None:
        message.stop()
        entry = self.session.current
        if entry is None or entry.kind != "question":
            return
        q = entry.item.question
        if q.type == "explain" and self.explain_text is None:
            self.explain_text = message.text
            area = self.query_one("#answer-area")
            area.remove_children()
            area.mount(Static("[b]Model answer[/b]"), Markdown(q.model_answer),
                       Static("[b]Which key points did you cover?[/b] (space or 1-9, enter to go on)"))
            points = KeyPointsAnswer(list(q.key_points))
            area.mount(points)
            self.call_after_refresh(points.focus)
            return
        self.session.answer(message.response, text=self.explain_text or "")
        self.show_current()

    def on_button_pressed(self, event) -> None:
        press_answer_button(self, event.button.id)

    def action_grade(self) -> None:
        entry = self.session.current
        if entry is None or entry.kind != "exercise":
            return
        self.query_one("#status-line", Static).update("checking…")
        self.run_grade(entry.exercise)

    @work(thread=True, exclusive=True, group="interview-grade")
    def run_grade(self, exercise_id: str) -> None:
        from ...grading.warm import WarmGrader

        exercise = self.app.services.exercise(exercise_id)
        with WarmGrader(exercise, timeout=min(10.0, max(self.session.remaining(), 1.0))) as grader:
            result = grader.grade(self.exercise_path)
        self.app.call_from_thread(self._graded, exercise_id, result)

    def _graded(self, exercise_id: str, result) -> None:
        entry = self.session.current
        if entry is None or entry.kind != "exercise" or entry.exercise != exercise_id:
            return
        if result.status == "pass":
            self.session.record_exercise("pass", self.topic_of_exercise.get(exercise_id, ""))
            self.notify(f"{exercise_id}: all checks pass")
            self.show_current()
        else:
            first = result.first_failure
            hint = f" — {first.name}: {first.message}" if first else (f" — {result.message}" if result.message else "")
            self.query_one("#status-line", Static).update(
                escape(f"{result.status}: {result.passed}/{len(result.checks)} checks{hint}") + " · ctrl+g again · ctrl+n move on")
            self.last_status = result.status

    def action_skip(self) -> None:
        entry = self.session.current
        if entry is not None and entry.kind == "exercise":
            self.session.record_exercise(getattr(self, "last_status", "skipped"), self.topic_of_exercise.get(entry.exercise, ""))
            self.last_status = "skipped"
            self.show_current()

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
        report = self.session.report(self.topic_of_exercise)
        self.app.services.save_interview(report.to_dict())
        from .interview_report import InterviewReportScreen

        self.app.switch_screen(InterviewReportScreen(report))
