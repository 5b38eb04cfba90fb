"""A quiz: one question at a time, the verdict and explanation after each; at the end it returns the summary."""

from __future__ import annotations

from textual._time import time as message_clock  # the clock Textual stamps every message with
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Markdown, ProgressBar, Static

from ...bank import REGISTRY, question_type
from ...bank.cues import has_cues
from ...quiz import QuizSession, SessionSummary
from ..markup import escape
from ..widgets.answers import (
    ANSWER_FACES,
    AnswerGiven,
    AnswerInvalid,
    KeyPointsAnswer,
    answer_face,
    answer_widgets,
    answer_with_cues,
    key_points_title,
    press_answer_button,
)
from .once import AnswersOnce

TYPE_NAMES = {name: t.display for name, t in REGISTRY.items()}  # how the quiz names each type, from the registry


class QuizScreen(AnswersOnce, Screen[SessionSummary | None]):
    """Asks questions in order, recording each answer; returns the summary, or None if nothing was answered."""

    BINDINGS = [
        Binding("ctrl+u", "undo", "Undo last", priority=True),
        Binding("ctrl+f", "flag", "Flag", priority=True),
        Binding("escape", "leave", "End quiz"),
    ]

    def __init__(self, questions: list, *, mode: str = "quiz", title: str = "Quiz", seed: int | None = None) -> None:
        super().__init__()
        self.sub_title = title  # before the header mounts: a title changed later can reach a header being removed
        self.session = QuizSession(questions, seed=seed)
        self.mode = mode
        self.quiz_title = title
        # answering -> (explain: ticking) -> feedback; "changing" while widgets are swapped, when keys are ignored
        self.state = "changing"
        self.explain_text = ""
        self.last_outcome = None
        self._shown_at = 0.0  # when the current answer widgets replaced the old ones (Textual's message clock)

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

    async def on_mount(self) -> None:
        await self.show_current()

    # -- presenting --------------------------------------------------------------------------------
    async def show_current(self) -> None:
        """Present the current question (or the summary). The old widgets are gone before the new ones
        mount: two `#answer` widgets at once is a crash, and focus could land on the one going away."""
        self.state = "changing"
        item = self.session.current
        if item is None:
            self.dismiss(self.session.summary())
            return
        q = item.question
        self.query_one("#quiz-meta", Static).update(
            f"{self.session.position + 1}/{len(self.session.items)} · {q.topic} · difficulty {q.difficulty} · "
            f"{question_type(q.type).display} · [dim]{q.id}[/dim]")
        self.query_one(ProgressBar).update(progress=self.session.position)
        self.query_one("#prompt", Markdown).update(q.prompt)
        area = self.query_one("#answer-area")
        feedback = self.query_one("#feedback")
        await area.remove_children()
        await feedback.remove_children()
        self._shown_at = message_clock()
        feedback.display = False
        await area.mount_all(answer_widgets(item))
        self.query_one("#quiz-scroll").scroll_home(animate=False)
        self._focus_answer()
        self.set_status(self._hint_for(q.type))
        self.state = "answering"
        self.refresh_bindings()

    def _focus_answer(self) -> None:
        answer = next(iter(self.query("#answer").results()), None)
        if answer is not None:
            answer.focus(scroll_visible=False)

    # the help screen's "Quiz" list, from each type's answer widgets
    HINTS = {qtype: face.hint for qtype, face in ANSWER_FACES.items()}

    @staticmethod
    def _hint_for(qtype: str) -> str:
        return answer_face(qtype).hint.split(";")[0]

    def set_status(self, text: str) -> None:
        self.query_one("#status-line", Static).update(text)

    # -- answering ---------------------------------------------------------------------------------
    def on_answer_invalid(self, message: AnswerInvalid) -> None:
        self.set_status(f"[b]{message.reason}[/b]")

    async def on_answer_given(self, message: AnswerGiven) -> None:
        message.stop()
        item = self.session.current
        if item is None or self.state not in ("answering", "ticking") or message.time < self._shown_at:
            return  # a second enter while the screen changes, or an answer meant for widgets already replaced
        if self.state == "ticking" and message.response is None:
            return  # a second ctrl+s from the written answer going away: the key points are not ticked yet
        if item.question.type == "explain" and self.state == "answering":
            self.explain_text = message.text
            await self.show_key_points(item.question, message.text)
            return
        self.state = "changing"
        text, self.explain_text = self.explain_text, ""
        record = self.session.answer(message.response, text=text)
        self.last_outcome = self.app.services.record_answer(record, self.mode)
        if item.question.type == "explain" and self.last_outcome is not None:  # how the final ticks differ from the cues'
            self.app.services.record_tick_change(item.question, text, record.response)
        await self.show_feedback(record)

    async def show_key_points(self, q, text: str) -> None:
        self.state = "changing"
        area = self.query_one("#answer-area")
        await area.remove_children()
        self._shown_at = message_clock()
        suggested = self.app.services.suggested_ticks(q, text) if text.strip() else frozenset()
        points = KeyPointsAnswer(list(q.key_points), ticked=suggested)
        await area.mount_all([
            Horizontal(
                Vertical(Static("[b]Your answer[/b]"), Static(answer_with_cues(q, text), id="your-answer")),
                Vertical(Static("[b]Model answer[/b]"), Markdown(q.model_answer)),
                id="explain-compare",
            ),
            Static(key_points_title(q, suggested, "enter to score"), id="key-points-title"),
            points,
        ])
        points.focus()  # focusing scrolls the checklist into view, whatever the terminal's height
        self.set_status("check the ticks (space or 1-9), then enter" if has_cues(q)
                        else "tick the key points you covered (space or 1-9), then enter")
        self.state = "ticking"
        self.refresh_bindings()

    async def show_feedback(self, record) -> None:
        self.state = "changing"
        q = record.item.question
        v = record.verdict
        area = self.query_one("#answer-area")
        await area.remove_children()
        if q.type != "explain":
            await area.mount(Static(f"[b]You answered:[/b] {escape(record.given or '—')}"))
        feedback = self.query_one("#feedback")
        await feedback.remove_children()
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
        await feedback.mount_all(widgets)
        feedback.display = True
        self.query_one(ProgressBar).update(progress=self.session.position)
        self.set_timer(0.05, lambda: self.query_one("#quiz-scroll").scroll_to_widget(feedback, top=True, animate=False))
        self.set_status("enter: next · ctrl+u: undo · ctrl+f: flag")
        self.focus()
        self.state = "feedback"
        self.refresh_bindings()

    async def on_button_pressed(self, event) -> None:
        """Mouse: submit, move an order item, or go on to the next question."""
        button = event.button.id
        if button == "next":
            if self.state == "feedback":
                await self.show_current()
            return
        press_answer_button(self, button)

    async def on_key(self, event) -> None:
        if self.state == "feedback" and event.key in ("enter", "n", "space"):
            event.stop()
            await self.show_current()

    # -- undo, flag, leave -------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Undo only when there is something to take back; no key works while the screen changes."""
        if action in ("undo", "flag") and self.state == "changing":
            return None  # shown, but does nothing for the moment it takes to swap the widgets
        if action == "undo":
            return self.state == "ticking" or bool(self.session.records)
        return True

    async def action_undo(self) -> None:
        if self.state == "changing":
            return
        if self.state == "ticking":  # back to writing: nothing was recorded yet
            await self.show_current()
            return
        undone = self.session.undo()
        if undone is None:
            self.set_status("nothing to undo yet")
            return
        self.app.services.undo_last_answer()
        self.notify(f"Undid your answer to {undone.item.question.id}; it is asked again.")
        await self.show_current()

    def action_flag(self) -> None:
        from .flag import FlagScreen

        item = self.session.current
        if self.state == "feedback" and self.session.records:
            item = self.session.records[-1].item
        if item is None or self.state == "changing":
            return
        qid = item.question.id
        flagged = self.app.services.is_flagged(qid)

        def done(result: tuple[str, str] | None) -> None:
            if not result:
                return
            reason, note = result
            if reason == "remove":
                self.app.services.remove_flag(qid)
                self.notify(f"Removed your flag on {qid}.")
            else:
                self.app.services.flag(qid, reason, note)
                self.notify(f"Flagged {qid} as {reason}. `quizprep flags` lists your flags; ctrl+f again removes it.")

        self.app.push_screen(FlagScreen(qid, flagged=flagged), done)

    def action_leave(self) -> None:
        if self.state == "changing":
            return
        self.dismiss(self.session.summary() if self.session.records else None)
