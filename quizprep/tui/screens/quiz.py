"""A quiz: one question at a time, the verdict and explanation after each, a summary at the end."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Markdown, ProgressBar, Static

from ...quiz import QuizSession
from ..widgets.answers import AnswerGiven, AnswerInvalid, KeyPointsAnswer, answer_widgets, press_answer_button

TYPE_NAMES = {"single": "one answer", "multiple": "several answers", "true_false": "true or false", "numeric": "a number",
              "short": "a short answer", "order": "put in order", "explain": "explain"}


class QuizScreen(Screen):
    """Asks `questions` in order; every answer is recorded as it is given."""

    BINDINGS = [
        Binding("ctrl+u", "undo", "Undo last", priority=True),
        Binding("ctrl+f", "flag", "Flag", priority=True),
        Binding("escape", "leave", "End quiz"),
    ]

    def __init__(self, questions: list, *, mode: str = "quiz", title: str = "Quiz", seed: int | None = None) -> None:
        super().__init__()
        self.session = QuizSession(questions, seed=seed)
        self.mode = mode
        self.quiz_title = title
        self.state = "answering"  # answering -> (explain: ticking) -> feedback
        self.explain_text = ""
        self.last_outcome = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="quiz-meta")
        yield ProgressBar(total=len(self.session.items), show_eta=False, id="quiz-progress")
        with VerticalScroll(id="quiz-scroll"):
            yield Markdown("", id="prompt")
            yield Vertical(id="answer-area")
            yield Vertical(id="feedback")
        yield Static("", id="status-line")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.quiz_title
        self.show_current()

    # -- presenting --------------------------------------------------------------------------------
    def show_current(self) -> None:
        item = self.session.current
        if item is None:
            from .summary import SummaryScreen

            self.app.switch_screen(SummaryScreen(self.session.summary(), self.quiz_title))
            return
        q = item.question
        self.state = "answering"
        self.query_one("#quiz-meta", Static).update(
            f"{self.session.position + 1}/{len(self.session.items)} · {q.topic} · difficulty {q.difficulty} · "
            f"{TYPE_NAMES[q.type]} · [dim]{q.id}[/dim]")
        self.query_one(ProgressBar).update(progress=self.session.position)
        self.query_one("#prompt", Markdown).update(q.prompt)
        area = self.query_one("#answer-area")
        area.remove_children()
        feedback = self.query_one("#feedback")
        feedback.remove_children()
        feedback.display = False
        area.mount_all(answer_widgets(item))
        self.call_after_refresh(self._focus_answer)
        self.set_status(self._hint_for(q.type))

    def _focus_answer(self) -> None:
        for widget in self.query("#answer").results():
            widget.focus()
            return

    @staticmethod
    def _hint_for(qtype: str) -> str:
        return {
            "single": "1-9 or ↑↓ to choose, enter to answer",
            "multiple": "1-9 or space to tick, enter to answer",
            "true_false": "t or f",
            "numeric": "type a number, enter to answer",
            "short": "type your answer, enter to answer",
            "order": "↑↓ to move the cursor, [ ] to move the item, enter to answer",
            "explain": "write your answer, ctrl+s to compare with the model answer",
        }[qtype]

    def set_status(self, text: str) -> None:
        self.query_one("#status-line", Static).update(text)

    # -- answering ---------------------------------------------------------------------------------
    def on_answer_invalid(self, message: AnswerInvalid) -> None:
        self.set_status(f"[b]{message.reason}[/b]")

    def on_answer_given(self, message: AnswerGiven) -> None:
        message.stop()
        item = self.session.current
        if item is None or self.state == "feedback":
            return
        if item.question.type == "explain" and self.state == "answering":
            self.explain_text = message.text
            self.show_key_points(item.question, message.text)
            return
        record = self.session.answer(message.response, text=self.explain_text)
        self.explain_text = ""
        self.last_outcome = self.app.services.record_answer(record, self.mode)
        self.show_feedback(record)

    def show_key_points(self, q, text: str) -> None:
        self.state = "ticking"
        area = self.query_one("#answer-area")
        area.remove_children()
        yours = text.strip() or "(you left it empty)"
        area.mount(Horizontal(
            Vertical(Static("[b]Your answer[/b]"), Static(yours, markup=False)),
            Vertical(Static("[b]Model answer[/b]"), Markdown(q.model_answer)),
            id="explain-compare",
        ))
        area.mount(Static("[b]Which key points did you cover?[/b] (space or 1-9 to tick, enter to score)"))
        points = KeyPointsAnswer(list(q.key_points))
        area.mount(points)
        self.call_after_refresh(points.focus)
        self.set_status("tick the key points you covered, then enter")

    def show_feedback(self, record) -> None:
        self.state = "feedback"
        q = record.item.question
        v = record.verdict
        area = self.query_one("#answer-area")
        area.remove_children()
        if q.type != "explain":
            area.mount(Static(f"[b]You answered:[/b] {escape(record.given or '—')}"))
        feedback = self.query_one("#feedback")
        feedback.remove_children()
        feedback.set_class(not v.correct, "wrong")
        verdict = "✓ Right" if v.correct else "✗ Not quite"
        if q.type == "explain":
            verdict += f" — you covered {round(v.score * len(q.key_points))} of {len(q.key_points)} key points"
        widgets = [Static(verdict, id="verdict")]
        if q.type != "explain":
            widgets.append(Static(f"[b]Answer:[/b] {escape(v.expected)}"))
        for line in v.feedback:
            widgets.append(Static(f"• {line}", markup=False))
        widgets.append(Markdown(q.explanation))
        if self.last_outcome is not None and self.last_outcome.comes_back:
            widgets.append(Static(f"[dim]This question comes back {self.last_outcome.comes_back}.[/dim]"))
        elif self.mode == "practice":
            widgets.append(Static("[dim]Practice: your review schedule is unchanged.[/dim]"))
        widgets.append(Button("Next question (enter)", id="next", variant="primary", compact=True))
        feedback.mount_all(widgets)
        feedback.display = True
        self.query_one(ProgressBar).update(progress=self.session.position)
        self.set_timer(0.05, lambda: self.query_one("#quiz-scroll").scroll_to_widget(feedback, top=True, animate=False))
        self.set_status("enter: next · ctrl+u: undo · ctrl+f: flag")
        self.focus()

    def on_button_pressed(self, event) -> None:
        """Mouse: submit, move an order item, or go on to the next question."""
        button = event.button.id
        if button == "next":
            self.show_current()
            return
        press_answer_button(self, button)

    def on_key(self, event) -> None:
        if self.state == "feedback" and event.key in ("enter", "n", "space"):
            event.stop()
            self.show_current()

    # -- undo, flag, leave -------------------------------------------------------------------------
    def action_undo(self) -> None:
        if self.state == "ticking":
            self.show_current()
            return
        undone = self.session.undo()
        if undone is None:
            self.set_status("nothing to undo yet")
            return
        self.app.services.undo_last_answer()
        self.show_current()
        self.notify(f"Undid your answer to {undone.item.question.id}; it is asked again.")

    def action_flag(self) -> None:
        from .flag import FlagScreen

        item = self.session.current
        if self.state == "feedback" and self.session.records:
            item = self.session.records[-1].item
        if item is None:
            return
        qid = item.question.id

        def done(result) -> None:
            if result:
                reason, note = result
                self.app.services.flag(qid, reason, note)
                self.notify(f"Flagged {qid} as {reason}. `quizprep flags` lists your flags.")

        self.app.push_screen(FlagScreen(qid), done)

    def action_leave(self) -> None:
        from .summary import SummaryScreen

        if self.session.records:
            self.app.switch_screen(SummaryScreen(self.session.summary(), self.quiz_title))
        else:
            self.app.pop_screen()
