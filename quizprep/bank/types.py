"""The question types, each defined once: its fields, how the bank validator checks them, how an answer is
checked, how the expected answer and a response read, and how a display-position response maps back to
the bank's indices.

Everything that depends on a question's type asks `question_type(name)`; an unknown name is an
`UnknownQuestionType` error, never a fall-through to some other type. A face (the TUI's widgets, the
terminal's readers) keeps its own table keyed by these names, with a test that its keys equal `REGISTRY`'s.

Responses refer to choices and items by their index in the bank file (the quiz session maps shuffled
display positions back with `from_display`): single -> int; multiple -> iterable of int; true_false ->
bool; numeric -> str or number; short -> str; order -> sequence of item indices in the learner's order;
explain -> iterable of the indices of the key points the learner ticked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .answers import Verdict, is_regex, parse_number, short_matches, within_tolerance
from .model import Question
from .regex_safety import slow_pattern_problem

if TYPE_CHECKING:
    from .yamltree import YamlMap


class UnknownQuestionType(ValueError):
    """A question's type is not one of the registered types."""

    def __init__(self, name: object) -> None:
        super().__init__(f"unknown question type \"{name}\" — use one of {', '.join(REGISTRY)}")
        self.name = name


@dataclass(frozen=True)
class QuestionType:
    """One question type: its name, how the quiz names it, and its own bank fields (required, optional).

    Subclasses say how the type is validated, checked, formatted and described; the base class's
    defaults are the ones several types share.
    """

    name: str
    display: str                                # how a quiz names the type to the learner, e.g. "true or false"
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    # a right answer this quick (seconds) is rated Easy by the scheduler; None: never from its time alone
    easy_seconds: float | None = None

    @property
    def fields(self) -> tuple[str, ...]:
        """Every bank field of this type beyond the common ones."""
        return self.required + self.optional

    def validate(self, check: Any, q: YamlMap, what: str) -> dict | None:
        """The type's `Question` fields read from a bank mapping, or None after reporting problems through `check`.

        `check` is the bank validator of the file (validate.py): its `text`, `text_list`, `number` and `choices`
        readers report a bad value at its line, and `check.problems.at(node, message)` reports anything else.
        """
        raise NotImplementedError

    def check(self, question: Question, response) -> Verdict:
        """The verdict on a response given in bank indices."""
        raise NotImplementedError

    def expected(self, question: Question) -> str:
        """The correct answer as a learner should read it."""
        raise NotImplementedError

    def from_display(self, item, response):
        """A response in display positions (shuffled choices or items) as bank indices."""
        return response

    def describe(self, question: Question, response, text: str = "") -> str:
        """A response (bank indices) as readable text, for history and reports."""
        return str(response)

    def _right_or_wrong(self, question: Question, ok: bool) -> Verdict:
        return Verdict(ok, float(ok), self.expected(question))


@dataclass(frozen=True)
class SingleChoice(QuestionType):
    """One right choice among several."""

    def validate(self, check, q, what):
        if "choices" not in q:
            return None
        fields = check.choices(q, what)
        if fields is not None:
            n_correct = sum(c.correct for c in fields["choices"])
            if n_correct > 1:
                check.problems.at(q.value_nodes["choices"],
                                  f"{what} is `single` but has {n_correct} correct choices — keep one, or make it `multiple`")
        return fields

    def check(self, question, response):
        choice = question.choices[int(response)]
        feedback = () if choice.correct or not choice.why else (choice.why.strip(),)
        return Verdict(choice.correct, float(choice.correct), self.expected(question), feedback)

    def expected(self, question):
        return next(c.text for c in question.choices if c.correct).strip()

    def from_display(self, item, response):
        return item.choice_order[int(response)]

    def describe(self, question, response, text=""):
        return question.choices[response].text.strip()


@dataclass(frozen=True)
class MultipleChoice(QuestionType):
    """Every right choice among several; partial credit by overlap."""

    def validate(self, check, q, what):
        return check.choices(q, what) if "choices" in q else None

    def check(self, question, response):
        picked = set(map(int, response))
        right = question.correct_choices
        feedback = [question.choices[i].why.strip() for i in sorted(picked - right) if question.choices[i].why]
        missed = [question.choices[i].text.strip() for i in sorted(right - picked)]
        if missed:
            feedback.append("Also correct: " + "; ".join(missed))
        union = picked | right
        score = len(picked & right) / len(union) if union else 0.0
        return Verdict(picked == right, score, self.expected(question), tuple(feedback))

    def expected(self, question):
        return "; ".join(c.text.strip() for c in question.choices if c.correct)

    def from_display(self, item, response):
        return frozenset(item.choice_order[int(i)] for i in response)

    def describe(self, question, response, text=""):
        return "; ".join(question.choices[i].text.strip() for i in sorted(response))


@dataclass(frozen=True)
class TrueFalse(QuestionType):
    """A statement that is true or false."""

    def validate(self, check, q, what):
        if "answer" not in q:
            return None
        if not isinstance(q["answer"], bool):
            check.problems.at(q.value_nodes["answer"], f"a true_false `answer` must be true or false, found {check.describe(q['answer'])}")
            return None
        return {"answer": q["answer"]}

    def check(self, question, response):
        return self._right_or_wrong(question, bool(response) == question.answer)

    def expected(self, question):
        return "True" if question.answer else "False"

    def describe(self, question, response, text=""):
        return "True" if response else "False"


@dataclass(frozen=True)
class Numeric(QuestionType):
    """A number, right within an absolute or relative tolerance."""

    def validate(self, check, q, what):
        if "answer" not in q:
            return None
        answer = check.number(q, "answer")
        tol = check.number(q, "tolerance") if "tolerance" in q else None
        rel = check.number(q, "rel_tolerance") if "rel_tolerance" in q else None
        if "tolerance" not in q and "rel_tolerance" not in q:
            check.problems.at(q.node, f"{what} (numeric) has neither `tolerance` nor `rel_tolerance` — add one, e.g. `rel_tolerance: 0.01`")
            return None
        for key, value in (("tolerance", tol), ("rel_tolerance", rel)):
            if value is not None and value < 0:
                check.problems.at(q.value_nodes[key], f"`{key}` must not be negative")
                return None
        if answer is None or (tol is None and rel is None):
            return None
        return {"answer": answer, "tolerance": tol, "rel_tolerance": rel}

    def check(self, question, response):
        return self._right_or_wrong(question, within_tolerance(question, parse_number(response)))

    def expected(self, question):
        parts = []
        if question.tolerance is not None:
            parts.append(f"± {question.tolerance:g}")
        if question.rel_tolerance is not None:
            parts.append(f"± {question.rel_tolerance * 100:g}%")
        return f"{question.answer:g} ({' or '.join(parts)})"

    def from_display(self, item, response):
        return parse_number(response)

    def describe(self, question, response, text=""):
        return f"{response:g}"


@dataclass(frozen=True)
class ShortAnswer(QuestionType):
    """A word or phrase, matched against accepted spellings or `/regular expressions/`."""

    def validate(self, check, q, what):
        accept = check.text_list(q, "accept", what) if "accept" in q else None
        if accept is None:
            return None
        for entry, node in zip(accept, q["accept"].nodes, strict=False):
            if is_regex(entry):
                try:
                    re.compile(entry[1:-1])
                except re.error as err:
                    check.problems.at(node, f"bad regular expression {entry}: {err} — fix it or write the answer as plain text")
                    return None
                slow = slow_pattern_problem(entry)
                if slow:
                    check.problems.at(node, slow)
                    return None
        return {"accept": accept}

    def check(self, question, response):
        return self._right_or_wrong(question, short_matches(question.accept, str(response)))

    def expected(self, question):
        plain = [a for a in question.accept if not is_regex(a)]
        return plain[0] if plain else question.accept[0]


@dataclass(frozen=True)
class Ordering(QuestionType):
    """Items to put in order; partial credit for each item in its place."""

    def validate(self, check, q, what):
        items = check.text_list(q, "items", what) if "items" in q else None
        return None if items is None else {"items": items}

    def check(self, question, response):
        order = [int(i) for i in response]
        n = len(question.items)
        if sorted(order) != list(range(n)):
            raise ValueError(f"an order answer must list each of the {n} items once")
        in_place = sum(i == pos for pos, i in enumerate(order))
        return Verdict(in_place == n, in_place / n, self.expected(question))

    def expected(self, question):
        return " → ".join(question.items)

    def from_display(self, item, response):
        return tuple(item.item_order[int(i)] for i in response)

    def describe(self, question, response, text=""):
        return " → ".join(question.items[i] for i in response)


@dataclass(frozen=True)
class Explain(QuestionType):
    """A written answer, compared with a model answer; the learner ticks the key points they covered."""

    def validate(self, check, q, what):
        model = check.text(q, "model_answer", what)
        points = self._key_points(check, q, what) if "key_points" in q else None
        if model is None or points is None:
            return None
        return {"model_answer": model, "key_points": tuple(t for t, _ in points), "key_point_cues": tuple(c for _, c in points)}

    def _key_points(self, check, q, what):
        """Each key point as (text, cues): a plain string has no cues; a mapping is `{text: ..., cues: [...]}`."""
        from .yamltree import YamlList, YamlMap

        raw, node = q["key_points"], q.value_nodes["key_points"]
        if not isinstance(raw, YamlList) or not any(isinstance(p, YamlMap) for p in raw):
            texts = check.text_list(q, "key_points", what)  # plain strings only: the plain form, with its own messages
            return None if texts is None else [(t, ()) for t in texts]
        out = []
        ok = True
        for point, point_node in zip(raw, raw.nodes, strict=False):
            if isinstance(point, str) and point.strip():
                out.append((point, ()))
            elif isinstance(point, YamlMap):
                parsed = self._key_point(check, point)
                ok = ok and parsed is not None
                if parsed is not None:
                    out.append(parsed)
            elif isinstance(point, str):
                check.problems.at(point_node, "empty entry in `key_points` — remove it or write it")
                ok = False
            elif isinstance(point, (bool, int, float)) or point is None:
                check.problems.at(point_node, f"`{point_node.value}` in `key_points` was read as {check.describe(point)}, not text — "
                                              f"quote it: \"{point_node.value}\"")
                ok = False
            else:
                check.problems.at(point_node, f"a key point should be text or `{{text: ..., cues: [...]}}`, found {check.describe(point)}")
                ok = False
        if not ok:
            return None
        low, high = KEY_POINTS
        if not low <= len(out) <= high:
            check.problems.at(node, f"{what} has {len(out)} `key_points` — write {low} to {high}")
            return None
        texts = [t for t, _ in out]
        if len(set(texts)) != len(texts):
            check.problems.at(node, "`key_points` lists the same entry twice — make each one distinct")
            return None
        return out

    def _key_point(self, check, point):
        """One `{text, cues}` key point, or None after reporting what is wrong at its line."""
        from .cues import cue_problem
        from .yamltree import YamlList

        ok = True
        for key, key_node in point.key_nodes.items():
            if key not in ("text", "cues"):
                check.problems.at(key_node, f"unknown field `{key}` in a key point — a key point has `text` and optional `cues`")
                ok = False
        text = check.text(point, "text", "this key point")
        cues: tuple[str, ...] = ()
        if "cues" in point:
            raw, node = point["cues"], point.value_nodes["cues"]
            if not isinstance(raw, YamlList) or not raw:
                found = "an empty list" if raw == [] else check.describe(raw)
                check.problems.at(node, f"`cues` should be a non-empty list of words, phrases or /regular expressions/, "
                                        f"found {found} — e.g. `cues: [residual, skip connection]`")
                return None
            for cue, cue_node in zip(raw, raw.nodes, strict=False):
                problem = cue_problem(cue)
                if problem is not None and not isinstance(cue, str):
                    shown = getattr(cue_node, "value", None)
                    problem = (f"cue `{shown}` was read as {check.describe(cue)}, not text — quote it: \"{shown}\""
                               if isinstance(shown, str) else f"a cue should be text, found {check.describe(cue)}")
                if problem is not None:
                    check.problems.at(cue_node, problem)
                    ok = False
            cues = tuple(c.strip() for c in raw if isinstance(c, str))
            if ok and len(set(cues)) != len(cues):
                check.problems.at(node, "`cues` lists the same cue twice — remove one")
                ok = False
        if not ok or text is None:
            return None
        return text, cues

    def check(self, question, response):
        n = len(question.key_points)
        ticked = _indices(response, n)
        missed = [question.key_points[i] for i in range(n) if i not in ticked]
        feedback = ("Key points to add: " + "; ".join(missed),) if missed else ()
        return Verdict(len(ticked) * 2 >= n, len(ticked) / n, self.expected(question), feedback)

    def expected(self, question):
        return question.model_answer.strip()

    def from_display(self, item, response):
        return frozenset(int(i) for i in response)

    def describe(self, question, response, text=""):
        return text.strip()


KEY_POINTS = (3, 6)  # how many key points an explain question has


def _indices(response: Iterable[int], n: int) -> set[int]:
    out = set(map(int, response))
    if any(not 0 <= i < n for i in out):
        raise ValueError(f"key point indices must be between 0 and {n - 1}")
    return out


# the order here is the order types are listed everywhere (validator messages, `quizprep topics`, help)
REGISTRY: dict[str, QuestionType] = {t.name: t for t in (
    SingleChoice("single", "one answer", ("choices",), easy_seconds=8.0),
    MultipleChoice("multiple", "several answers", ("choices",), easy_seconds=15.0),
    TrueFalse("true_false", "true or false", ("answer",), easy_seconds=6.0),
    Numeric("numeric", "a number", ("answer",), ("tolerance", "rel_tolerance"), easy_seconds=20.0),
    ShortAnswer("short", "a short answer", ("accept",), easy_seconds=12.0),
    Ordering("order", "put in order", ("items",), easy_seconds=20.0),
    # writing a good explanation takes as long as it takes, so its time never makes it Easy
    Explain("explain", "explain", ("model_answer", "key_points")),
)}
QUESTION_TYPES: tuple[str, ...] = tuple(REGISTRY)


def question_type(name: object) -> QuestionType:
    """The definition of the type called `name`; raises UnknownQuestionType for any other name."""
    try:
        return REGISTRY[name]  # type: ignore[index]
    except (KeyError, TypeError):
        raise UnknownQuestionType(name) from None


def check_answer(question: Question, response) -> Verdict:
    """Check one response, given in bank indices (see the module docstring for its form per type)."""
    return question_type(question.type).check(question, response)


def format_expected(question: Question) -> str:
    """The correct answer to a question as a learner should read it."""
    return question_type(question.type).expected(question)
