"""The `quizprep` command: one function per verb, each a thin face over the core."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections import Counter
from pathlib import Path

from .. import __version__
from . import authoring, check, exercises, interview, progress
from .args import OneLineParser, count_arg, seed_arg
from .common import Failure, UsageError, database_error, open_store
from .keys import help_text as quiz_keys_help
from .text import clip, width

# every question type with its column label; kept here so building the parser imports no bank code
TYPE_SHORT = {"single": "sgl", "multiple": "mul", "true_false": "t/f", "numeric": "num", "short": "sht", "order": "ord", "explain": "exp"}


def _catalog(args):
    return args.services.catalog


def _report_skipped(catalog) -> None:
    if catalog.problems:
        print(f"note: {len(catalog.problems)} problem(s) kept questions out; run `quizprep validate` to see them", file=sys.stderr)


def cmd_topics(args) -> int:
    """List topics with question counts by type and difficulty."""
    from ..bank import QUESTION_TYPES

    catalog = _catalog(args)
    w = max([len("topic"), *(len(b.topic) for b in catalog.banks)]) + 2
    header = f"{'topic':<{w}}{'total':>6}  " + " ".join(f"{TYPE_SHORT[t]:>4}" for t in QUESTION_TYPES) + "   d1  d2  d3"
    print(header)
    from ..paths import source_label

    for bank in catalog.banks:
        types = Counter(q.type for q in bank.questions)
        diffs = Counter(q.difficulty for q in bank.questions)
        origin = source_label(bank.path)
        print(f"{bank.topic:<{w}}{len(bank.questions):>6}  " + " ".join(f"{types[t]:>4}" for t in QUESTION_TYPES)
              + "  " + "".join(f"{diffs[d]:>4}" for d in (1, 2, 3)) + ("" if origin == "built-in" else f"  {origin}"))
    qs = catalog.questions
    types = Counter(q.type for q in qs)
    diffs = Counter(q.difficulty for q in qs)
    print(f"{'all':<{w}}{len(qs):>6}  " + " ".join(f"{types[t]:>4}" for t in QUESTION_TYPES)
          + "  " + "".join(f"{diffs[d]:>4}" for d in (1, 2, 3)))
    _report_skipped(catalog)
    return 0


def cmd_validate(args) -> int:
    """Validate banks; one line per problem, then a summary."""
    from ..bank import bank_files, load_banks

    paths = args.paths or args.services.bank_folders()
    missing = [p for p in paths if not Path(p).exists()]
    for p in missing:
        print(f"{p}:1:1: no such file or folder — check the path")
    files = bank_files([p for p in paths if p not in missing])
    catalog = load_banks(files)
    for problem in sorted(catalog.problems, key=lambda p: (p.path, p.line, p.col)):
        print(problem)
    n_problems = len(catalog.problems) + len(missing)
    n_questions = len(catalog.questions)
    if n_problems:
        bad_files = len({p.path for p in catalog.problems}) + len(missing)
        print(f"{n_problems} problem(s) in {bad_files} file(s); {n_questions} valid question(s) in {len(catalog.banks)} bank(s)")
        return 1
    print(f"ok: {n_questions} question(s) in {len(files)} bank file(s), no problems")
    return 0


def cmd_quiz(args) -> int:
    """A quiz in the plain terminal."""
    from ..quiz import select_questions
    from .plainquiz import run_plain_quiz

    catalog = _catalog(args)
    unknown = [t for t in args.topic or () if catalog.bank(t) is None]
    if unknown:
        print(f"quizprep: unknown topic {', '.join(unknown)} — choose from {', '.join(catalog.topics)}", file=sys.stderr)
        return 2
    questions = select_questions(
        catalog.questions, topics=args.topic, difficulties=args.difficulty, types=args.type,
        count=args.count, seed=args.seed,
    )
    if not questions:
        print("quizprep: no question matches those filters", file=sys.stderr)
        return 2
    return run_plain_quiz(questions, seed=args.seed, store=args.services.store, mode="practice" if args.practice else "quiz")


def cmd_app(args) -> int:
    """`quizprep` with no verb: the terminal UI (or the summary when there is no terminal)."""
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        return cmd_summary(args)
    from ..tui.app import run

    return run(args.services)


def cmd_summary(args) -> int:
    """The help and a summary of the banks, for when there is no terminal to draw on."""
    build_parser().print_help()
    print()
    catalog = _catalog(args)
    print(f"{len(catalog.questions)} questions in {len(catalog.banks)} topics:")
    for bank in catalog.banks:
        row = f"  {bank.topic:<24}{len(bank.questions):>4}  "
        print(row + clip(bank.title, width() - len(row)))
    _report_skipped(catalog)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="quizprep", description="Quizzes, numpy exercises and progress for ML-engineering interviews.")
    parser.add_argument("--version", action="version", version=f"quizprep {__version__}")
    parser.add_argument("--banks", action="append", default=[], metavar="DIR", help="also load the banks in DIR (repeatable)")
    parser.add_argument("--exercises", action="append", default=[], metavar="DIR", help="also load the exercises in DIR (repeatable)")
    sub = parser.add_subparsers(dest="verb", metavar="VERB")

    p = sub.add_parser("topics", help="list topics with question counts by type and difficulty")
    p.set_defaults(func=cmd_topics)

    p = sub.add_parser("validate", help="check question banks; one line per problem")
    p.add_argument("paths", nargs="*", metavar="PATH", help="bank files or folders (default: all banks)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("quiz", help="take a quiz in the plain terminal", epilog=quiz_keys_help(),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--topic", "-t", action="append", help="a topic slug (repeatable; default: all)")
    p.add_argument("--difficulty", "-d", action="append", type=int, choices=(1, 2, 3), help="1, 2 or 3 (repeatable)")
    p.add_argument("--type", action="append", choices=tuple(TYPE_SHORT), help="a question type (repeatable)")
    p.add_argument("--count", "-n", type=count_arg, default=10, help="how many questions (default 10)")
    p.add_argument("--seed", type=seed_arg, default=None, help="shuffle reproducibly")
    p.add_argument("--practice", action="store_true", help="cram: record answers without moving the review schedule")
    p.set_defaults(func=cmd_quiz)

    exercises.register(sub)
    progress.register(sub)
    interview.register(sub)
    authoring.register(sub)
    check.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from ..services import Services, UnknownExercise

    parser = build_parser()
    args = parser.parse_args(argv)
    args.services = Services(extra_banks=[Path(d).expanduser() for d in args.banks],
                             extra_exercises=[Path(d).expanduser() for d in args.exercises], store_factory=open_store)
    func = getattr(args, "func", cmd_app)
    try:
        return func(args)
    except (UsageError, UnknownExercise) as err:
        print(f"quizprep: {err}", file=sys.stderr)
        return 2
    except Failure as err:
        print(f"quizprep: {err}", file=sys.stderr)
        return 1
    except sqlite3.Error as err:  # the progress store failed mid-verb (a lock held too long, a full disk)
        print(f"quizprep: {database_error(err)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print()
        return 130
    except BrokenPipeError:
        return 0
    finally:
        try:
            args.services.close()
        except sqlite3.Error:
            pass  # closing a store that already failed: its error was said
