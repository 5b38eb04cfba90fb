"""Verbs for your own content: new bank, new exercise, check-exercise."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from .common import UsageError
from .text import fit


def cmd_new(args) -> int:
    """Write a starter bank or exercise."""
    from ..paths import home
    from ..scaffold import ScaffoldError, new_bank, new_exercise

    try:
        if args.kind == "bank":
            path = new_bank(args.name, Path(args.dir) if args.dir else home() / "banks")
            print(fit(f"wrote {path}: one example of each question type; `quizprep validate {path}` checks it"))
        else:
            path = new_exercise(args.name, Path(args.dir) if args.dir else home() / "exercises")
            where = "" if not args.dir else f" (point QUIZPREP_EXERCISES or --exercises at {path.parent})"
            flag = "" if not args.dir else f"--exercises {shlex.quote(str(path.parent))} "
            print(fit(f"wrote {path}/: exercise.yaml, stub.py, solution.py, check_{args.name}.py{where}\n"
                      f"`quizprep {flag}check-exercise {args.name}` proves the reference passes and the stub fails"))
    except ScaffoldError as err:
        raise UsageError(str(err)) from None
    except OSError as err:
        where = err.filename or args.dir or "the quizprep home"
        raise UsageError(f"cannot write {where}: {err.strerror or err} — choose a folder you can write to with --dir") from None
    return 0


def cmd_check_exercise(args) -> int:
    """An author's two facts: the reference passes every check and the untouched stub fails them."""
    from ..grading import grade

    for problem in args.services.exercise_problems:
        print(problem, file=sys.stderr)
    exercise = args.services.exercise(args.id)
    reference = grade(exercise, exercise.solution)
    stub = grade(exercise, exercise.stub)
    ok_reference = reference.status == "pass"
    stub_messages = [c.message for c in stub.checks if c.status != "pass"]
    ok_stub = stub.status == "fail" and bool(stub_messages) and all("not implemented yet" in m for m in stub_messages)
    print(f"{'✓' if ok_reference else '✗'} the reference passes every check ({reference.passed}/{len(reference.checks)})")
    if not ok_reference:
        first = reference.first_failure
        print(f"    {reference.message or (first.name + ': ' + first.message if first else reference.status)}")
    print(f"{'✓' if ok_stub else '✗'} the untouched stub fails with \"not implemented yet\" ({stub.status}, "
          f"{stub.passed}/{len(stub.checks)} checks pass)")
    if not ok_stub:
        odd = next((m for m in stub_messages if "not implemented yet" not in m), stub.message or "some checks pass on the stub")
        print(f"    {odd} — every function the learner writes should raise NotImplementedError in the stub")
    return 0 if ok_reference and ok_stub else 1


def register(sub) -> None:
    p = sub.add_parser("new", help="start your own bank or exercise: new bank TOPIC / new exercise ID")
    p.add_argument("kind", choices=("bank", "exercise"))
    p.add_argument("name", metavar="TOPIC_OR_ID")
    p.add_argument("--dir", help="where to write it (default: your banks/ or exercises/ folder under the quizprep home)")
    p.set_defaults(func=cmd_new)
    p = sub.add_parser("check-exercise", help="prove an exercise's reference passes and its stub fails")
    p.add_argument("id", metavar="ID")
    p.set_defaults(func=cmd_check_exercise)
