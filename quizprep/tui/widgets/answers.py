"""One answer widget per question type. Each posts `AnswerGiven` with display positions; the
screen maps them back through the quiz session, which is where correctness is decided."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Button, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ...bank import UnknownQuestionType
from ..markup import escape
from .hanging import Hanging
from .steady_list import SteadyOptionList


class AnswerGiven(Message):
    """The learner submitted: `response` in display positions (or text / number / bool), `text` for explain."""

    def __init__(self, response, text: str = "") -> None:
        super().__init__()
        self.response = response
        self.text = text


class AnswerInvalid(Message):
    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


INLINE_CODE = re.compile(r"`([^`\n]+)`")


def inline_code(text: str) -> str:
    """Text as markup: brackets shown as typed, `code` spans drawn as code instead of with their backticks."""
    return INLINE_CODE.sub(lambda m: f"[$text-accent on $boost]{m.group(1)}[/]", escape(text))


def _label(i: int, text: str, mark: str = "") -> Hanging:
    """A numbered choice (after `mark`, e.g. a tick box) whose wrapped lines start under its text."""
    return Hanging(f"{mark}[b]{i}[/b]  ", inline_code(text.strip()))


class PaintsBlankOnceRemoved:
    """For answer widgets, which are removed when the next item or the key points replace them.
    Textual (8.2) may paint a widget once more from the screen's previous layout after it was
    removed, when its component styles are already cleared (KeyError 'text-area--gutter' from a
    TextArea, 'option-list--option' or 'input--cursor' likewise): a removed one paints blank."""

    def render_lines(self, crop) -> list[Strip]:
        if not self.is_attached:
            return [Strip.blank(crop.width)] * crop.height
        return super().render_lines(crop)


class ChoiceAnswer(PaintsBlankOnceRemoved, SteadyOptionList):
    """single: digits pick a choice (mouse too), enter submits the highlighted one."""

    BINDINGS = [Binding(str(d), f"pick({d})", show=False) for d in range(1, 10)]

    def __init__(self, choices: list[str]) -> None:
        super().__init__(*[Option(_label(i, c), id=f"c{i - 1}") for i, c in enumerate(choices, 1)], id="answer")

    def action_pick(self, number: int) -> None:
        if number <= self.option_count:
            self.highlighted = number - 1

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(AnswerGiven(event.option_index))


class TrueFalseAnswer(PaintsBlankOnceRemoved, SteadyOptionList):
    """true_false: t / f answer at once; arrows and enter (or a click) work too."""

    BINDINGS = [Binding("t", "answer(True)", "True"), Binding("f", "answer(False)", "False")]

    def __init__(self) -> None:
        super().__init__(Option("[b]t[/b]  True", id="true"), Option("[b]f[/b]  False", id="false"), id="answer")

    def action_answer(self, value: bool) -> None:
        self.post_message(AnswerGiven(value))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(AnswerGiven(event.option_index == 0))


class SubmitButton(Button):
    """For mouse users: submits the answer widget just above it."""

    def __init__(self, label: str = "Answer") -> None:
        super().__init__(label, id="submit", variant="primary", compact=True)


class MoveButtons(Horizontal):
    """For mouse users: move the highlighted order item up or down."""

    def compose(self) -> ComposeResult:
        yield Button("▲ up", id="move-up", compact=True)
        yield Button("▼ down", id="move-down", compact=True)
        yield SubmitButton()


def _tick_label(i: int, text: str, ticked: bool) -> Hanging:
    return _label(i, text, mark=escape("[x] " if ticked else "[ ] "))


class TickList(PaintsBlankOnceRemoved, SteadyOptionList):
    """A checklist whose ticks read `[x]` / `[ ]` in the text itself, so they differ without colour, and
    whose long items wrap (Textual's SelectionList draws its tick boxes one per line, not per item)."""

    BINDINGS = [Binding("space", "toggle_highlighted", "Tick", show=False)]

    def __init__(self, texts: list[str], *, id: str) -> None:
        self.texts = texts
        self.selected: set[int] = set()
        super().__init__(*[Option(_tick_label(i, t, False)) for i, t in enumerate(texts, 1)], id=id)

    def toggle(self, index: int) -> TickList:
        """Tick or untick the item at `index`."""
        self.selected ^= {index}
        self.replace_option_prompt_at_index(index, _tick_label(index + 1, self.texts[index], index in self.selected))
        return self

    def action_toggle_highlighted(self) -> None:
        if self.highlighted is not None:
            self.toggle(self.highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # a click ticks; enter is the subclass's (submit)
        self.toggle(event.option_index)


class MultiAnswer(TickList):
    """multiple: digits or space toggle choices, enter submits the ticked set."""

    BINDINGS = [Binding(str(d), f"toggle_number({d})", show=False) for d in range(1, 10)] + [
        Binding("enter", "submit", "Submit", priority=True),
    ]

    def __init__(self, choices: list[str]) -> None:
        super().__init__(choices, id="answer")

    def action_toggle_number(self, number: int) -> None:
        if number <= self.option_count:
            self.toggle(number - 1)
            self.highlighted = number - 1

    def action_submit(self) -> None:
        if not self.selected:
            self.post_message(AnswerInvalid("tick at least one choice (space or its number), then enter"))
            return
        self.post_message(AnswerGiven(sorted(self.selected)))


class TextAnswer(PaintsBlankOnceRemoved, Input):
    """numeric and short: type, then enter. Numbers are parsed here so a typo is a hint, not a wrong answer."""

    def __init__(self, numeric: bool) -> None:
        super().__init__(placeholder="a number, e.g. 0.0066 or 6.6e-3" if numeric else "your answer", id="answer")
        self.numeric = numeric

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        value = self.value.strip()
        if not value:
            self.post_message(AnswerInvalid("type an answer first"))
            return
        if self.numeric:
            from ...bank import parse_number

            try:
                parse_number(value)
            except ValueError as err:
                self.post_message(AnswerInvalid(str(err)))
                return
        self.post_message(AnswerGiven(value))


class OrderAnswer(PaintsBlankOnceRemoved, SteadyOptionList):
    """order: arrows move the cursor, [ and ] move the highlighted item, enter submits the order."""

    BINDINGS = [
        Binding("left_square_bracket,ctrl+up", "move(-1)", "Item up", key_display="["),
        Binding("right_square_bracket,ctrl+down", "move(1)", "Item down", key_display="]"),
        Binding("enter", "submit", "Submit", priority=True),
    ]

    def __init__(self, items: list[str]) -> None:
        self.item_order = list(range(len(items)))  # display positions, in the learner's current order
        self.texts = items
        super().__init__(*self._item_options(), id="answer")

    def _item_options(self) -> list[Option]:
        return [Option(_label(n, self.texts[i])) for n, i in enumerate(self.item_order, 1)]

    def action_move(self, step: int) -> None:
        i = self.highlighted
        if i is None or not 0 <= i + step < len(self.item_order):
            return
        self.item_order[i], self.item_order[i + step] = self.item_order[i + step], self.item_order[i]
        self.clear_options()
        self.add_options(self._item_options())
        self.highlighted = i + step

    def action_submit(self) -> None:
        self.post_message(AnswerGiven(list(self.item_order)))


class AnswerText(PaintsBlankOnceRemoved, TextArea):
    """The editor of an explain answer."""


class ExplainAnswer(Vertical):
    """explain: write an answer, then ctrl+s (or the button) to compare with the model answer."""

    BINDINGS = [Binding("ctrl+s", "submit", "Compare", priority=True)]

    def compose(self) -> ComposeResult:
        yield Static("Answer as you would in the interview, then press ctrl+s to see the model answer.", classes="muted")
        yield AnswerText(id="answer", soft_wrap=True, show_line_numbers=False)
        yield Button("Compare with the model answer [ctrl+s]", id="compare")

    def action_submit(self) -> None:
        self.post_message(AnswerGiven(None, self.query_one(TextArea).text))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_submit()


class KeyPointsAnswer(TickList):
    """After an explain answer: tick the key points covered, enter scores it. `ticked`: the points shown
    ticked at first (those the cues found in the answer); the learner's final ticks are what is scored."""

    BINDINGS = [Binding(str(d), f"toggle_number({d})", show=False) for d in range(1, 10)] + [
        Binding("enter", "submit", "Score it", priority=True),
    ]

    def __init__(self, points: list[str], ticked: Iterable[int] = ()) -> None:
        super().__init__(points, id="key-points")
        for i in sorted(ticked):
            if 0 <= i < len(points):
                self.toggle(i)

    def action_toggle_number(self, number: int) -> None:
        if number <= self.option_count:
            self.toggle(number - 1)

    def action_submit(self) -> None:
        self.post_message(AnswerGiven(sorted(self.selected)))


HIGHLIGHT = "bold underline reverse"  # a matched cue in the learner's answer: visible without colour too


def highlighted_answer(text: str, spans: Iterable[tuple[int, int]] = ()) -> Text:
    """The learner's written answer with the (start, end) character spans the cues matched highlighted."""
    shown = Text(text)
    for start, end in spans:
        shown.stylize(HIGHLIGHT, start, end)
    return shown


def answer_with_cues(question, text: str) -> Text:
    """The written answer as shown above the key points: the words the cues matched highlighted (a question
    without cues: the text as written)."""
    from ...bank.cues import detect, has_cues

    if not text.strip():
        return Text("(you left it empty)")
    if question.type != "explain" or not has_cues(question):
        return Text(text)
    return highlighted_answer(text, [span for d in detect(question, text) for span in d.spans])


def key_points_title(question, suggested: Iterable[int], then: str) -> str:
    """The line above the key points: what the ticks mean, and the keys (`then`: what enter does)."""
    from ...bank.cues import has_cues

    if question.type == "explain" and has_cues(question):
        found = len(frozenset(suggested))
        return (f"[b]Your answer seems to cover the ticked key points ({found} of {len(question.key_points)})"
                f" — check them[/b] (space or 1-9 to change, {then})")
    return f"[b]Which key points did you cover?[/b] (space or 1-9 to tick, {then})"


def press_answer_button(screen, button_id: str) -> None:
    """A mouse button under an answer (submit, move up, move down) acts on the screen's answer widget."""
    answer = next(iter(screen.query("#answer").results()), None)
    if answer is None:
        return
    if button_id == "submit":
        answer.action_submit()
    elif button_id in ("move-up", "move-down"):
        answer.action_move(-1 if button_id == "move-up" else 1)
        answer.focus()


class AnswerFace(NamedTuple):
    """How one question type is answered here: its widget classes in the order they appear (the help lists
    their keys), how to build them for a presented item, and the hint under the question."""

    widgets: tuple[type, ...]
    build: Callable[[Any], list]
    hint: str


# the answer widgets of each question type; a test keeps its keys equal to the question-type registry's
ANSWER_FACES: dict[str, AnswerFace] = {
    "single": AnswerFace((ChoiceAnswer,), lambda item: [ChoiceAnswer([c.text for c in item.choices])],
                         "1-9 or ↑↓ to choose, enter to answer"),
    "multiple": AnswerFace((MultiAnswer,), lambda item: [MultiAnswer([c.text for c in item.choices]), SubmitButton()],
                           "1-9 or space to tick, enter to answer"),
    "true_false": AnswerFace((TrueFalseAnswer,), lambda item: [TrueFalseAnswer()], "t or f"),
    "numeric": AnswerFace((TextAnswer,), lambda item: [TextAnswer(numeric=True), SubmitButton()], "type a number, enter to answer"),
    "short": AnswerFace((TextAnswer,), lambda item: [TextAnswer(numeric=False), SubmitButton()], "type your answer, enter to answer"),
    "order": AnswerFace((OrderAnswer,), lambda item: [OrderAnswer(item.items), MoveButtons()],
                        "↑↓ to move the cursor, [ ] to move the item, enter to answer"),
    "explain": AnswerFace((ExplainAnswer, KeyPointsAnswer), lambda item: [ExplainAnswer()],
                          "write your answer, ctrl+s to compare with the model answer; "
                          "then tick the key points you covered, enter to score"),
}
WIDGETS_FOR_TYPE = {qtype: face.widgets for qtype, face in ANSWER_FACES.items()}


def answer_face(qtype: str) -> AnswerFace:
    """How a question type is answered; an unknown type is an UnknownQuestionType error, never shown as another type."""
    if qtype not in ANSWER_FACES:
        raise UnknownQuestionType(qtype)
    return ANSWER_FACES[qtype]


def answer_widgets(item) -> list:
    """The widgets for a presented quiz item: the answer widget (id `answer`), then any mouse buttons."""
    return answer_face(item.question.type).build(item)
