"""A quiz in the plain terminal (input/print), for when the full UI is not wanted."""

from __future__ import annotations

import re
import textwrap

from ..bank import Question
from ..quiz import QuizSession

_FENCE = re.compile(r"```[a-zA-Z0-9_+-]*\n(.*?)```", re.DOTALL)


def render_markdown(text: str) -> str:
    """Prompt text for a plain terminal: fenced code blocks indented, fences removed."""
    return _FENCE.sub(lambda m: textwrap.indent(m.group(1).rstrip("\n"), "    ") + "\n", text).strip()


def _ask(prompt: str) -> str:
    return input(prompt).strip()


def read_response(item):
    """Read an answer to a presented item from the terminal (display positions, as QuizSession takes)."""
    q: Question = item.question
    while True:
        try:
            if q.type == "single":
                raw = _ask(f"your answer (1-{len(item.choices)}): ")
                return int(raw) - 1 if raw.isdigit() and 1 <= int(raw) <= len(item.choices) else _retry()
            if q.type == "multiple":
                raw = _ask("your answers, e.g. 1 3: ").replace(",", " ").split()
                if raw and all(r.isdigit() and 1 <= int(r) <= len(item.choices) for r in raw):
                    return [int(r) - 1 for r in raw]
                _retry()
            elif q.type == "true_false":
                raw = _ask("true or false (t/f): ").lower()
                if raw in ("t", "true", "f", "false"):
                    return raw.startswith("t")
                _retry()
            elif q.type == "numeric":
                from ..bank import parse_number

                raw = _ask("your number: ")
                parse_number(raw)
                return raw
            elif q.type == "short":
                raw = _ask("your answer: ")
                if raw:
                    return raw
            elif q.type == "order":
                raw = _ask(f"the items in the right order, e.g. {' '.join(str(i) for i in range(len(item.items), 0, -1))}: ")
                raw = raw.replace(",", " ").split()
                if sorted(raw) == [str(i) for i in range(1, len(item.items) + 1)]:
                    return [int(r) - 1 for r in raw]
                print(f"  list each number from 1 to {len(item.items)} once")
            else:
                return None
        except ValueError as err:
            print(f"  {err}")
        except _Retry:
            pass


class _Retry(Exception):
    pass


def _retry():
    print("  that is not one of the choices")
    raise _Retry


def read_explain(q: Question):
    """Read an explain answer, show the model answer, and ask which key points were covered."""
    print("write your answer; an empty line ends it:")
    lines = []
    while (line := input()) != "":
        lines.append(line)
    print("\nmodel answer:\n" + textwrap.indent(q.model_answer.strip(), "  "))
    print("\nwhich key points did you cover?")
    for i, point in enumerate(q.key_points, 1):
        print(f"  {i}. {point}")
    while True:
        raw = _ask("numbers of the points you covered (empty for none): ").replace(",", " ").split()
        if all(r.isdigit() and 1 <= int(r) <= len(q.key_points) for r in raw):
            return [int(r) - 1 for r in raw], "\n".join(lines)
        print(f"  numbers from 1 to {len(q.key_points)}")


def show_item(item, position: str) -> None:
    """Print a presented question: where it is, its prompt, and its choices or items, numbered."""
    q = item.question
    print(f"\n{position} {q.topic} · difficulty {q.difficulty} · {q.type.replace('_', '/')} · {q.id}")
    print(render_markdown(q.prompt))
    for i, choice in enumerate(item.choices, 1):
        print(f"  {i}. {choice.text.strip()}")
    for i, text in enumerate(item.items, 1):
        print(f"  {i}. {text}")


def show_verdict(q: Question, verdict) -> None:
    """Print right or wrong, the answer, the feedback and the explanation."""
    print(("✓ right" if verdict.correct else "✗ not quite") + ("" if q.type == "explain" else f" — answer: {verdict.expected}"))
    for line in verdict.feedback:
        print(textwrap.fill(line, 88, initial_indent="  · ", subsequent_indent="    "))
    print(textwrap.indent(q.explanation.strip(), "  "))


class _Command(Exception):
    """The learner typed a command (u undo, f flag) instead of an answer."""

    def __init__(self, name: str) -> None:
        self.name = name


COMMANDS = {"u": "undo", ":u": "undo", "f": "flag", ":f": "flag"}


def run_plain_quiz(questions: list[Question], *, seed: int | None = None, store=None, mode: str = "quiz") -> int:
    """Ask each question in turn, show the verdict and explanation, then the score.

    With a store, every answer is recorded the moment it is given; `u` undoes the last answer and
    `f` flags the current question.
    """
    from .common import record

    session = QuizSession(questions, seed=seed)
    global _ask
    plain_ask = _ask

    def ask(prompt: str) -> str:
        raw = plain_ask(prompt)
        if raw.lower() in COMMANDS and store is not None:
            raise _Command(COMMANDS[raw.lower()])
        return raw

    _ask = ask
    if store is not None:
        print("(type u to undo your last answer, f to flag this question as wrong or unclear)")
    try:
        while (item := session.current) is not None:
            q = item.question
            show_item(item, f"[{session.position + 1}/{len(session.items)}]")
            try:
                if q.type == "explain":
                    response, text = read_explain(q)
                    record_ = session.answer(response, text=text)
                else:
                    record_ = session.answer(read_response(item))
            except _Command as command:
                _run_command(command.name, session, store, q)
                continue
            v = record_.verdict
            show_verdict(q, v)
            if store is not None:
                from ..progress.reviews import record_answer

                outcome = record(record_answer, store, question_id=q.id, topic=q.topic, qtype=q.type, correct=v.correct,
                                 score=v.score, given=record_.given, seconds=record_.seconds, mode=mode)
                if outcome is not None and outcome.comes_back:
                    print(f"  (comes back {outcome.comes_back})")
    except EOFError:
        print()
    finally:
        _ask = plain_ask
    s = session.summary()
    print(f"\nscore: {s.right}/{s.answered}" + (f" ({s.total - s.answered} not answered)" if s.answered < s.total else ""))
    for t in s.by_topic:
        if t.total:
            print(f"  {t.topic:<24}{t.right}/{t.total}")
    if s.missed:
        print("to review: " + ", ".join(q.id for q in s.missed))
    return 0


def _run_command(name: str, session: QuizSession, store, question: Question) -> None:
    from ..progress.reviews import undo_last_answer
    from .common import record

    if name == "undo":
        if session.undo() is None:
            print("  nothing to undo yet")
            return
        record(undo_last_answer, store)
        print("  last answer undone — it is asked again")
    else:
        reason = _ask("  flag as (w)rong or (u)nclear? ").lower()
        note = _ask("  a note (optional): ")
        record(store.flag_question, question.id, "wrong" if reason.startswith("w") else "unclear", note)
        print("  flagged — thank you; `quizprep flags` lists your flags")
