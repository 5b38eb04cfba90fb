"""A quiz in the plain terminal (input/print), for when the full UI is not wanted.

Answers use the keys each question type documents (a number, `t`/`f`, text); commands start with a
colon — `:u` / `:undo`, `:f` / `:flag`, `:q` / `:quit` — so no command can be mistaken for an answer.
The flag prompts read plain input: there, `u` means "unclear", not "undo".
"""

from __future__ import annotations

from collections.abc import Callable

from ..bank import Question, UnknownQuestionType, parse_number
from ..bank.cues import TICK_EVENT, has_cues, suggested_ticks, tick_change
from ..quiz import QuizSession
from .keys import ANSWER_KEYS, COMMAND_HELP, COMMANDS
from .text import fill, render

render_markdown = render  # the name the interview uses

Ask = Callable[[str], str]


def plain_ask(prompt: str) -> str:
    """One line from the learner, without surrounding spaces."""
    return input(prompt).strip()


class Command(Exception):
    """The learner typed a command (:undo, :flag, :quit) instead of an answer."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def command_ask(prompt: str) -> str:
    """Like plain_ask, but a command raises Command instead of being returned as an answer."""
    raw = plain_ask(prompt)
    if raw.lower() in COMMANDS:
        raise Command(COMMANDS[raw.lower()])
    return raw


class _Retry(Exception):
    pass


def _retry():
    print("  that is not one of the choices")
    raise _Retry


def _read_single(item, ask: Ask):
    raw = ask(f"your answer (1-{len(item.choices)}): ")
    return (int(raw) - 1, "") if raw.isdigit() and 1 <= int(raw) <= len(item.choices) else _retry()


def _read_multiple(item, ask: Ask):
    raw = ask("your answers, e.g. 1 3: ").replace(",", " ").split()
    if raw and all(r.isdigit() and 1 <= int(r) <= len(item.choices) for r in raw):
        return [int(r) - 1 for r in raw], ""
    return _retry()


def _read_true_false(item, ask: Ask):
    raw = ask("true or false (t/f): ").lower()
    if raw in ("t", "true", "f", "false"):
        return raw.startswith("t"), ""
    print("  type t (or true) or f (or false)")
    raise _Retry


def _read_numeric(item, ask: Ask):
    raw = ask("your number: ")
    parse_number(raw)  # a typo is told at once (ValueError), not marked wrong
    return raw, ""


def _read_short(item, ask: Ask):
    raw = ask("your answer: ")
    if raw:
        return raw, ""
    raise _Retry


def _read_order(item, ask: Ask):
    raw = ask(f"the items in the right order, e.g. {' '.join(str(i) for i in range(len(item.items), 0, -1))}: ")
    raw = raw.replace(",", " ").split()
    if sorted(raw) == sorted(str(i) for i in range(1, len(item.items) + 1)):
        return [int(r) - 1 for r in raw], ""
    print(f"  list each number from 1 to {len(item.items)} once")
    raise _Retry


# the terminal reader of each question type (a test keeps its keys equal to the registry's); each returns
# (the response in display positions, any written text), or raises _Retry or ValueError to be asked again
READERS: dict[str, Callable[..., tuple[object, str]]] = {
    "single": _read_single, "multiple": _read_multiple, "true_false": _read_true_false, "numeric": _read_numeric,
    "short": _read_short, "order": _read_order,
    "explain": lambda item, ask: read_explain(item.question, ask),
}


def reader_for(qtype: str) -> Callable:
    """The terminal reader of a question type; an unknown type is an UnknownQuestionType error."""
    if qtype not in READERS:
        raise UnknownQuestionType(qtype)
    return READERS[qtype]


def read_answer(item, ask: Ask = plain_ask) -> tuple[object, str]:
    """Read an answer to a presented item: the response in display positions (as QuizSession takes) and any written text."""
    read = reader_for(item.question.type)
    while True:
        try:
            return read(item, ask)
        except ValueError as err:
            print(f"  {err}")
        except _Retry:
            pass


def read_response(item, ask: Ask = plain_ask):
    """Read an answer to a presented item from the terminal (display positions, as QuizSession takes)."""
    return read_answer(item, ask)[0]


def read_explain(q: Question, ask: Ask = plain_ask):
    """Read an explain answer, show the model answer, and ask which key points were covered.

    When the question's key points have cues, the points the cues find in the answer are shown ticked
    (`[x]`): an empty line keeps those ticks, numbers replace them, `-` ticks none. The learner's final
    choice is what is returned (and so recorded); in an interview, too, the ticks the cues found are
    the score unless the learner corrects them.
    """
    print("write your answer; an empty line ends it:")
    lines = []
    while (line := input().rstrip()).strip() != "":
        if ask is command_ask and line.strip().lower() in COMMANDS:  # a command on a line of its own
            raise Command(COMMANDS[line.strip().lower()])
        lines.append(line)
    text = "\n".join(lines)
    print("\nmodel answer:\n" + render(q.model_answer, indent="  "))
    n = len(q.key_points)
    if not has_cues(q):
        print("\nwhich key points did you cover?")
        for i, point in enumerate(q.key_points, 1):
            print(fill(point, f"  {i}. ", "     "))
        while True:
            raw = ask("numbers of the points you covered (empty for none): ").replace(",", " ").split()
            if all(r.isdigit() and 1 <= int(r) <= n for r in raw):
                return [int(r) - 1 for r in raw], text
            print(f"  numbers from 1 to {n}")
    suggested = suggested_ticks(q, text)
    print("\n" + fill("your answer seems to cover the ticked key points — check them:"))
    for i, point in enumerate(q.key_points):
        print(fill(point, f"  [{'x' if i in suggested else ' '}] {i + 1}. ", "         "))
    while True:
        raw = ask("enter keeps the ticks, or type your numbers, e.g. 1 3 (- for none): ").strip()
        if raw == "":
            return sorted(suggested), text
        if raw == "-":
            return [], text
        parts = raw.replace(",", " ").split()
        if all(r.isdigit() and 1 <= int(r) <= n for r in parts):
            return sorted({int(r) - 1 for r in parts}), text
        print(f"  numbers from 1 to {n}, an empty line to keep the ticks, or - for none")


def show_item(item, position: str) -> None:
    """Print a presented question: where it is, its prompt, and its choices or items, numbered."""
    q = item.question
    print("\n" + fill(f"{position} {q.topic} · difficulty {q.difficulty} · {q.type.replace('_', '/')} · {q.id}", "", "  "))
    print(render(q.prompt))
    for i, choice in enumerate(item.choices, 1):
        print(fill(choice.text, f"  {i}. ", "     "))
    for i, text in enumerate(item.items, 1):
        print(fill(text, f"  {i}. ", "     "))


def show_verdict(q: Question, verdict) -> None:
    """Print right or wrong, the answer, the feedback and the explanation."""
    head = "✓ right" if verdict.correct else "✗ not quite"
    print(head if q.type == "explain" else fill(f"{head} — answer: {verdict.expected}", "", "  "))
    for line in verdict.feedback:
        print(fill(line, "  · ", "    "))
    print(render(q.explanation, indent="  "))


def run_plain_quiz(questions: list[Question], *, seed: int | None = None, store=None, mode: str = "quiz") -> int:
    """Ask each question in turn, show the verdict and explanation, then the score.

    With a store, every answer is recorded the moment it is given; `:u` undoes this session's last
    answer, `:f` flags the current question, `:q` ends the quiz.
    """
    from .common import record

    session = QuizSession(questions, seed=seed)
    recorded: list[str | None] = []  # the store's uid of each answer this session gave, in order (None: not recorded)
    try:
        while True:
            item = session.current
            if item is None:
                if not session.records or not _wants_undo_at_end(session, store, recorded):
                    break
                continue
            q = item.question
            show_item(item, f"[{session.position + 1}/{len(session.items)}]")
            print(fill(f"({ANSWER_KEYS[q.type]} · {COMMAND_HELP})", "  ", "   "))
            try:
                response, text = read_answer(item, command_ask)
                record_ = session.answer(response, text=text)
            except Command as command:
                if command.name == "quit":
                    break
                _run_command(command.name, session, store, q, recorded)
                continue
            v = record_.verdict
            show_verdict(q, v)
            if store is not None:
                from ..progress.reviews import record_answer

                outcome = record(record_answer, store, question_id=q.id, topic=q.topic, qtype=q.type, correct=v.correct,
                                 score=v.score, given=record_.given, seconds=record_.seconds, mode=mode)
                recorded.append(outcome.uid if outcome is not None else None)
                if outcome is not None and q.type == "explain" and has_cues(q):  # how the final ticks differ from the cues'
                    record(store.record_event, TICK_EVENT, q.id, tick_change(q, text, record_.response).detail)
                if outcome is not None and outcome.comes_back:
                    print(f"  (comes back {outcome.comes_back})")
    except EOFError:
        print()
    s = session.summary()
    print(f"\nscore: {s.right}/{s.answered}" + (f" ({s.total - s.answered} not answered)" if s.answered < s.total else ""))
    for t in s.by_topic:
        if t.total:
            print(f"  {t.topic:<24}{t.right}/{t.total}")
    if s.missed:
        print(fill("to review: " + ", ".join(q.id for q in s.missed), "", "  "))
    return 0


def _wants_undo_at_end(session: QuizSession, store, recorded: list[str | None]) -> bool:
    """After the last answer, a last chance to undo it; True when it was undone (the question is asked again)."""
    while True:
        try:
            raw = command_ask("end of the quiz — enter for your score, or :u to undo your last answer: ")
        except Command as command:
            if command.name == "undo":
                _run_command("undo", session, store, session.records[-1].item.question, recorded)
                return True
            if command.name == "quit":
                return False
            print("  there is no question to flag now — `quizprep flag ID` flags one by its id")
            continue
        if raw == "":
            return False
        print("  press enter for your score, or type :u")


def _undo_recorded(store, uid: str) -> None:
    """Take back one recorded answer of this session, by its uid."""
    from .common import record

    record(store.undo_answer, uid)


def _run_command(name: str, session: QuizSession, store, question: Question, recorded: list[str | None]) -> None:
    from .common import record

    if name == "undo":
        if session.undo() is None:
            print("  nothing to undo yet")
            return
        uid = recorded.pop() if recorded else None
        if store is not None and uid is not None:
            _undo_recorded(store, uid)
        print("  last answer undone — it is asked again")
        return
    if store is None:
        print("  flags are kept with your progress, which this quiz does not use")
        return
    while (reason := plain_ask("  flag as (w)rong or (u)nclear? [u] ").lower()) not in ("", "w", "wrong", "u", "unclear"):
        print("  type w for wrong or u for unclear (enter: unclear)")
    note = plain_ask("  a note (optional): ")
    record(store.flag_question, question.id, "wrong" if reason.startswith("w") else "unclear", note)
    print("  flagged — thank you; `quizprep flags` lists your flags")
