"""Verbs for the coding exercises: list, grade, run, history, hint, explain, solution, path, edit, reset, watch."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ..grading.limits import DEFAULT_TIMEOUT_S
from .args import timeout_arg
from .common import Failure, UsageError, record, record_grade
from .text import clip, fill, fit, width

TITLE_MIN = 24  # columns an exercise title needs to stay readable in `list`
TABLE_MAX_WIDTH = 160  # `list` is a table: a wide terminal shows whole titles


def _catalogue(args, report: bool = False):
    """Every exercise (saying, with `report`, which pack problems kept one out); none at all is a usage error."""
    exercises, problems = args.services.exercises, args.services.exercise_problems
    if report:
        for problem in problems:
            print(problem, file=sys.stderr)
    if not exercises:
        raise UsageError("no exercises could be loaded" + (f": {problems[0]}" if problems else ""))
    return exercises


def _exercise(args):
    """The exercise `args.id` names (an unknown id is reported by `main` with the ids there are)."""
    _catalogue(args)
    return args.services.exercise(args.id)


def workspace(exercise, action=None):
    """The learner's file for an exercise (or the result of `action(exercise)`, e.g. reset); an unusable
    workspace folder is a one-line usage error, not a traceback."""
    from ..grading.workspace import workspace_dir, workspace_file

    try:
        return (action or workspace_file)(exercise)
    except OSError as err:
        raise UsageError(f"cannot use {err.filename or workspace_dir()} for your exercise files ({err.strerror or err}) — "
                         "set QUIZPREP_HOME to a folder you can write") from None


def exercise_status(exercise, last_grades, due: frozenset = frozenset()) -> str:
    """The exercise's status word (see quizprep.grading.status), from the store's last grades and due reviews."""
    from ..grading.status import exercise_status as status

    last = last_grades.get(exercise.id)
    return status(exercise, last["status"] if last is not None else None, due=exercise.id in due)


def cmd_list(args) -> int:
    """Every exercise, in order, with its status (and where it comes from, for your own)."""
    from ..paths import source_label

    catalogue = _catalogue(args, report=True)
    from ..grading.status import MEANINGS, PASSED_RESET
    from ..progress.reviews import due_exercises

    store = args.services.store
    last = store.last_grades()
    due = frozenset(due_exercises(store, [e.id for e in catalogue]))
    done = sum(store.ever_passed(e.id) for e in catalogue)
    statuses = [exercise_status(e, last, due) for e in catalogue]
    w_id, w_status, w_topic = (max(len(x) for x in col) + 2 for col in
                               (["id", *(e.id for e in catalogue)], ["status", *statuses], ["topic", *(e.topic for e in catalogue)]))
    cols = width(limit=TABLE_MAX_WIDTH)
    with_topic = cols - (4 + w_id + w_status + w_topic + 5) >= TITLE_MIN  # a narrow terminal keeps the title, not the topic
    w_topic = w_topic if with_topic else 0
    print(f"{'#':>2}  {'id':<{w_id}}{'status':<{w_status}}{'topic' if with_topic else '':<{w_topic}}{'diff':<5}title")
    for e, status in zip(catalogue, statuses, strict=True):
        origin = source_label(e.stub)
        row = f"{e.order:>2}  {e.id:<{w_id}}{status:<{w_status}}{e.topic if with_topic else '':<{w_topic}}{e.difficulty:<5}"
        where = "" if origin == "built-in" else f"  [{origin}]"  # never cut: it says which folder to open
        print(row + clip(e.title, max(cols - len(row) - len(where), TITLE_MIN // 2)) + where)
    print(f"\n{done}/{len(catalogue)} passed at least once")
    if due:
        print(fill(f"{len(due)} due for review — `quizprep reset ID` and implement it again"))
    if PASSED_RESET in statuses:
        print(fill(f"{PASSED_RESET}: {MEANINGS[PASSED_RESET]}"))
    return 0


def _read(path) -> bytes | None:
    try:
        return Path(path).read_bytes()
    except OSError:
        return None


def _given_file(args) -> None:
    if args.file is not None and not Path(args.file).is_file():
        what = "not a file" if Path(args.file).exists() else "no such file"
        raise UsageError(f"{what}: {args.file} — give the path of a .py file")


def cmd_grade(args) -> int:
    """Grade the workspace copy (or --file); exit 0 on pass, 1 otherwise."""
    from ..grading import grade
    from ..grading.report import format_grade

    exercise = _exercise(args)
    _given_file(args)
    opened, say_later = [], []  # what the store has to say is said after the result, which is always shown

    def open_store_meanwhile() -> None:  # opening the store and loading the scheduler overlap with the grading
        if not args.no_record:
            import quizprep.progress.reviews  # noqa: F401

            try:
                opened.append(args.services.store)
            except Failure as err:
                say_later.append(f"quizprep: not recorded: {err}")

    target = args.file if args.file is not None else workspace(exercise)
    source = None if args.no_record else _read(target)  # the version graded, kept in its history
    result = grade(exercise, target, timeout=args.timeout, while_waiting=open_store_meanwhile)
    if opened:
        record_grade(args.services, exercise.id, result, say_later=say_later, source=source)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        print(fit(format_grade(result, title=f"{exercise.id} — {exercise.title}")))
        if result.status == "pass":
            print(f"\nall checks pass. `quizprep solution {exercise.id}` shows the reference to compare with.")
        elif opened and (reason := args.services.mistake_reason(exercise.id, result)):  # its concept's questions go first
            print(fit(f"\n{reason} — `quizprep review` starts with them"))
    for line in say_later:
        print(line, file=sys.stderr)
    return 0 if result.status == "pass" else 1


RUN_LINES = 200  # of a run's output, the last lines shown


def cmd_run(args) -> int:
    """Run your copy (or --file) as a script, its `if __name__ == "__main__":` block, in the grader's sandbox.

    Prints what it printed (the last RUN_LINES lines), then one status line; exit 0 if it ran to the end."""
    exercise = _exercise(args)
    _given_file(args)
    target = Path(args.file if args.file is not None else workspace(exercise))
    result = args.services.run_exercise(exercise, target, timeout=args.timeout)
    lines = result.output.splitlines()
    if len(lines) > RUN_LINES:
        print(f"… {len(lines) - RUN_LINES} earlier line(s) of output not shown")
    for line in lines[-RUN_LINES:]:
        print(line)
    if result.status == "ok":
        print(f"ok — ran to the end in {result.seconds:.2f} s")
    elif result.status == "timeout":
        print(fill(f"timeout: {result.message}"))
    else:
        for line in result.detail.splitlines()[-12:]:
            print(line)
        where = f" at line {result.line} of {target}" if result.line is not None else ""
        print(fill(f"error{where}: {result.message}"))
    if result.warning:
        print(f"quizprep: {result.warning}", file=sys.stderr)
    return 0 if result.status == "ok" else 1


def _size(n: int) -> str:
    return f"{n} B" if n < 1024 else f"{n / 1024:.1f} kB"


def cmd_history(args) -> int:
    """Every graded version of your copy of an exercise (when, status, checks passed, size); --show N prints one."""
    exercise = _exercise(args)
    versions = args.services.grade_history(exercise.id)
    if args.show is not None:
        if not 1 <= args.show <= len(versions):
            there = f"there are {len(versions)} (1–{len(versions)})" if versions else "there are none yet"
            raise UsageError(f"no version {args.show} of {exercise.id}: {there} — `quizprep history {exercise.id}` lists them")
        version = versions[args.show - 1]
        if args.json:
            print(json.dumps(version.to_dict(), ensure_ascii=False))
        else:
            print(version.source, end="" if version.source.endswith("\n") or not version.source else "\n")
        return 0
    if args.json:
        print(json.dumps([{k: v for k, v in version.to_dict().items() if k != "source"} for version in versions], ensure_ascii=False))
        return 0
    if not versions:
        print(f"no graded versions of {exercise.id} yet — every `quizprep grade {exercise.id}` (or save in watch) keeps one")
        return 0
    w = len(str(len(versions)))
    print(f"{'#':>{w}}  {'when':<19}  {'status':<8}{'checks':<8}size")
    for v in versions:
        when = v.graded_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        print(f"{v.number:>{w}}  {when:<19}  {v.status:<8}{f'{v.passed}/{v.total}':<8}{_size(v.size)}, {v.lines} lines")
    print(f"\n`quizprep history {exercise.id} --show N` prints version N")
    return 0


def cmd_hint(args) -> int:
    """The next hint for an exercise (hints already seen are shown again first)."""
    exercise = _exercise(args)
    if not exercise.hints:
        print(f"{exercise.id} has no hints — `quizprep solution {exercise.id}` shows the reference once you pass, or if you give up")
        return 0
    store = args.services.store
    seen = store.count_events("hint", exercise.id)
    upto = min(seen + 1, len(exercise.hints))
    for i in range(upto):
        print(fill(exercise.hints[i], f"hint {i + 1}/{len(exercise.hints)}: ", "  "))
    if seen < len(exercise.hints):
        record(store.record_event, "hint", exercise.id, str(upto))
    else:
        print(fill("(that was the last hint — `quizprep solution` shows the reference once you pass, or if you give up)"))
    return 0


def cmd_explain(args) -> int:
    """The derivation behind an exercise: what the stub leaves out, shown only when asked for."""
    exercise = _exercise(args)
    try:
        text = exercise.derivation_text()
    except OSError as err:
        raise UsageError(f"cannot read {exercise.derivation}: {err.strerror or err}") from None
    if text is None:
        print(f"{exercise.id} has no derivation — `quizprep hint {exercise.id}` gives the next hint")
        return 0
    try:
        record(args.services.store.record_event, "derivation", exercise.id)
    except Failure as err:
        print(f"quizprep: not recorded: {err}", file=sys.stderr)
    if sys.stdout.isatty():  # drawn as Markdown in a terminal; the plain text when piped
        from rich.console import Console
        from rich.markdown import Markdown

        Console(width=min(width(), 100)).print(Markdown(text))
    else:
        print(text, end="" if text.endswith("\n") else "\n")
    return 0


def cmd_solution(args) -> int:
    """The reference solution, once passed or after an explicit give-up (which is recorded)."""
    exercise = _exercise(args)
    store = args.services.store
    unlocked = store.ever_passed(exercise.id) or store.count_events("gave_up", exercise.id) > 0
    if not unlocked:
        if not args.give_up:
            if not sys.stdin.isatty():
                print(fit(f"you have not passed {exercise.id} yet; run `quizprep solution {exercise.id} --give-up` to see it anyway"),
                      file=sys.stderr)
                return 1
            answer = input(f"you have not passed {exercise.id} yet. Type 'give up' to see the reference: ")
            if answer.strip().lower() != "give up":
                print(f"kept hidden — `quizprep hint {exercise.id}` may help")
                return 1
        record(store.record_event, "gave_up", exercise.id)
    print(exercise.solution.read_text(encoding="utf-8"), end="")
    return 0


def cmd_path(args) -> int:
    """Print the workspace file (created from the stub on first use)."""
    print(workspace(_exercise(args)))
    return 0


def cmd_edit(args) -> int:
    """Open the workspace file in $VISUAL / $EDITOR (or nano / vi, said out loud, when neither is set)."""
    from ..editor import EditorProblem, find_editor

    path = workspace(_exercise(args))
    try:
        editor = find_editor()
    except EditorProblem as err:
        raise UsageError(f"{err}; or edit {path} yourself") from None
    if editor.announcement:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):  # a terminal editor without a terminal would hang
            raise UsageError(f"$EDITOR is not set and there is no terminal for {editor.argv[0]} — "
                             f"set EDITOR (e.g. to a graphical editor), or edit {path} yourself")
        print(f"quizprep: {editor.announcement}", file=sys.stderr)
    try:
        return subprocess.call([*editor.argv, str(path)])
    except OSError as err:
        raise UsageError(f"cannot start {editor.source} `{editor.argv[0]}`: {err.strerror or err} — "
                         f"set EDITOR to an editor you have, or edit {path} yourself") from None


def cmd_reset(args) -> int:
    """Restore the stub, keeping a backup of what it overwrites."""
    from ..grading.workspace import reset

    exercise = _exercise(args)
    backup = workspace(exercise, reset)
    print(f"{workspace(exercise)} is the stub again" + (f"; your previous version is saved as {backup}" if backup else ""))
    return 0


def cmd_watch(args) -> int:
    """Re-grade on every save of the workspace file (rustlings-style)."""
    from .watch import watch

    catalogue = _catalogue(args)
    if args.id is not None:
        start = _exercise(args)
    else:
        last = args.services.store.last_grades()
        from ..grading.status import PASSED

        # the first exercise whose copy is not a passing one: a reset exercise is there to be done again
        start = next((e for e in catalogue if exercise_status(e, last) != PASSED), catalogue[0])
    return watch(args.services, start, timeout=args.timeout)


def register(sub) -> None:
    p = sub.add_parser("list", help="every exercise with its status")
    p.set_defaults(func=cmd_list)
    p = sub.add_parser("grade", help="grade an exercise (your workspace copy, or --file)")
    p.add_argument("id", metavar="ID")
    p.add_argument("--file", help="grade this file instead of the workspace copy")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--timeout", type=timeout_arg, default=DEFAULT_TIMEOUT_S,
                   help=f"wall-clock limit in seconds, 0.1 to 600 (default {DEFAULT_TIMEOUT_S:g})")
    p.add_argument("--no-record", action="store_true", help="do not record this grade in your progress")
    p.set_defaults(func=cmd_grade)
    p = sub.add_parser("run", help="run your copy of an exercise as a script (its __main__ block) in the grader's sandbox")
    p.add_argument("id", metavar="ID")
    p.add_argument("--file", help="run this file instead of the workspace copy")
    p.add_argument("--timeout", type=timeout_arg, default=DEFAULT_TIMEOUT_S,
                   help=f"wall-clock limit in seconds, 0.1 to 600 (default {DEFAULT_TIMEOUT_S:g})")
    p.set_defaults(func=cmd_run)
    p = sub.add_parser("history", help="every graded version of your copy of an exercise")
    p.add_argument("id", metavar="ID")
    p.add_argument("--show", type=int, metavar="N", help="print version N's source")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_history)
    p = sub.add_parser("hint", help="the next hint for an exercise")
    p.add_argument("id", metavar="ID")
    p.set_defaults(func=cmd_hint)
    p = sub.add_parser("explain", help="the derivation behind an exercise (what its stub leaves for you to work out)")
    p.add_argument("id", metavar="ID")
    p.set_defaults(func=cmd_explain)
    p = sub.add_parser("solution", help="the reference solution (after you pass, or if you give up)")
    p.add_argument("id", metavar="ID")
    p.add_argument("--give-up", action="store_true", help="show it now, without passing (recorded)")
    p.set_defaults(func=cmd_solution)
    p = sub.add_parser("path", help="print the path of your copy of an exercise")
    p.add_argument("id", metavar="ID")
    p.set_defaults(func=cmd_path)
    p = sub.add_parser("edit", help="open your copy of an exercise in $VISUAL or $EDITOR (nano or vi if neither is set)")
    p.add_argument("id", metavar="ID")
    p.set_defaults(func=cmd_edit)
    p = sub.add_parser("reset", help="restore the stub (your version is backed up)")
    p.add_argument("id", metavar="ID")
    p.set_defaults(func=cmd_reset)
    p = sub.add_parser("watch", help="re-grade an exercise every time you save it")
    p.add_argument("id", metavar="ID", nargs="?")
    p.add_argument("--timeout", type=timeout_arg, default=DEFAULT_TIMEOUT_S,
                   help=f"wall-clock limit per grade in seconds, 0.1 to 600 (default {DEFAULT_TIMEOUT_S:g})")
    p.set_defaults(func=cmd_watch)
