"""Verbs for progress: review, stats, search, export, import, flag, flags, config."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .args import count_arg, seed_arg
from .common import Failure, UsageError, open_store, saving
from .text import fill, fit


def _pct(x) -> str:
    return "—" if x is None else f"{x:.0%}"


def cmd_review(args) -> int:
    """Due questions first, then what is left of today's new questions (topics interleaved), in the plain terminal."""
    from .plainquiz import run_plain_quiz

    services = args.services
    numbers = services.today()
    questions = services.review_questions(limit=args.count, seed=args.seed, numbers=numbers)
    if not questions:
        print("nothing is due and today's new questions are done — come back tomorrow, or `quizprep quiz --practice`")
        return 0
    for line in services.mistake_reasons():  # why some questions come first, and which exercises are due again
        print(fit(line))
    print(f"new questions today: {numbers.new_left} left of {numbers.new_allowance}")
    return run_plain_quiz(questions, seed=args.seed, store=services.store, mode="review")


def cmd_stats(args) -> int:
    """Progress figures as text or one JSON object."""
    stats, numbers = args.services.stats(), args.services.today()
    ready = args.services.readiness(numbers)
    if args.json:
        out = stats.to_dict()
        out["new_today"] = {"allowance": numbers.new_allowance, "started": numbers.introduced, "left": numbers.new_left}
        out["readiness"] = ready.to_dict() if ready is not None else None
        print(json.dumps(out, ensure_ascii=False))
        return 0
    print(f"{'topic':<24}{'seen':>9}{'accuracy':>10}{'7 days':>8}{'mastery':>9}{'due':>5}")
    for t in stats.topics:
        print(f"{t.topic:<24}{f'{t.seen}/{t.total}':>9}{_pct(t.accuracy):>10}{_pct(t.recent_accuracy):>8}{_pct(t.mastery):>9}{t.due:>5}")
    print(f"\nanswers: {stats.answers_total}; due now: {stats.due_now}")
    print(f"new questions today: {numbers.new_left} left of {numbers.new_allowance}")
    print(f"exercises: {stats.exercises_passed} passed, {stats.exercises_attempted} attempted, {stats.exercises_total} in all")
    due_ex = [e.exercise for e in stats.exercises if e.due]
    if due_ex:
        print(fill(f"exercises to re-implement (review due): {', '.join(due_ex)}", "", "  "))
    print(f"streak: {stats.streak_days} day(s)" + ("" if stats.studied_today else " — study today to keep it"))
    print("study next:")
    for i, w in enumerate(stats.weakest, 1):
        print(fill(f"{w.topic} — {w.reason}", f"  {i}. ", "     "))
    if ready is not None:
        print_readiness(ready)
    return 0


def print_readiness(ready) -> None:
    """Readiness on the interview day: overall, what the plan leads to, the least ready topics, the exercises."""
    print("\n" + fill(f"readiness on {ready.interview:%a %d %b %Y} (chance of recalling a question then, if you stopped now): "
                      f"{_pct(ready.overall)}" + (f"; {_pct(ready.projected_overall)} if you follow the plan" if ready.projected else "")))
    weakest = ready.weakest(3)
    if weakest:
        print(fill(", ".join(f"{t} {_pct(p)}" for t, p in weakest), "least ready: ", "  "))
    passed = [x for x in ready.exercises.values() if x.passed]
    if ready.exercises:
        line = f"exercises passed: {len(passed)} of {len(ready.exercises)}"
        stale = sorted(passed, key=lambda x: -(x.days_since_pass or 0))[:3]
        if stale and stale[0].days_since_pass:
            line += "; longest since a pass: " + ", ".join(f"{x.exercise} ({x.days_since_pass} d)" for x in stale if x.days_since_pass)
        print(fill(line, "", "  "))


def cmd_search(args) -> int:
    """Questions and exercises holding every word given, best first: one line each (id, topic/type, the prompt clipped)."""
    import re

    from . import TYPE_SHORT
    from .text import clip, width

    hits = args.services.search(" ".join(args.words), limit=args.count)
    if args.json:
        print(json.dumps([h.to_dict() for h in hits], ensure_ascii=False))
        return 0
    if not hits:
        print(f"nothing holds every word of {' '.join(args.words)!r} — try fewer or shorter words")
        return 0
    id_w = min(max(len(h.id) for h in hits), 32) + 2
    where_w = min(max(len(h.topic) + 4 for h in hits), 28) + 2
    for h in hits:
        where = f"{h.topic}/{TYPE_SHORT.get(h.type, 'ex' if h.type == 'exercise' else h.type)}"
        row = f"{clip(h.id, id_w - 2):<{id_w}}{clip(where, where_w - 2):<{where_w}}"
        text = " ".join(re.sub(r"```\w*", " ", h.text).split())
        print(row + clip(text, max(width() - len(row), 12)))
    return 0


def cmd_export(args) -> int:
    """Write all progress as one JSON object (to FILE, or standard output for `-` or no FILE)."""
    from ..progress.transfer import ExportProblem, export_progress, write_export

    with open_store() as store:
        data = export_progress(store)
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        store_path = store.path
    if data.get("unreadable_cards"):
        print(f"quizprep: {len(data['unreadable_cards'])} review card(s) in {store_path} hold data that is not readable; they are "
              "written as `unreadable_cards`, which an import leaves out", file=sys.stderr)
    if args.file in (None, "-"):
        sys.stdout.write(text)
        return 0
    try:
        written = write_export(text, Path(args.file), store_path=store_path)
    except ExportProblem as err:
        raise Failure(str(err)) from None
    if written.is_file():  # not into a pipe or a device, where the export itself is what is read
        print(fill(f"progress written to {args.file}", "", "  "))
    return 0


def _read_export(path: Path):
    """The export in `path` (JSON, or a backup database), or a one-line Failure."""
    from ..progress.recovery import HEADER
    from ..progress.transfer import ImportProblem, read_backup

    try:
        raw = path.read_bytes()
    except OSError as err:
        raise UsageError(f"cannot read {path}: {err.strerror or err}") from None
    if raw.startswith(HEADER):  # one of the automatic backups (or a database moved aside): restore from it
        try:
            return read_backup(path)
        except ImportProblem as err:
            raise Failure(f"{err} — nothing was imported") from None
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise Failure(f"{path}:1:1: not UTF-8 text — is this a `quizprep export` file?") from None
    except json.JSONDecodeError as err:
        raise Failure(f"{path}:{err.lineno}:{err.colno}: not valid JSON ({err.msg}) — is this a `quizprep export` file?") from None
    except RecursionError:
        raise Failure(f"{path}:1:1: nested too deeply to be a `quizprep export` file — nothing was imported") from None


def cmd_import(args) -> int:
    """Merge an export (or a backup database) into this home's progress; importing the same file twice adds nothing."""
    from ..progress.transfer import ImportProblem, import_progress

    path = Path(args.file)
    data = _read_export(path)
    with open_store(writing=True) as store:
        try:
            added = saving(import_progress, store, data, source=str(path))
        except ImportProblem as err:
            raise Failure(f"{err} — nothing was imported") from None
    print("imported: " + ", ".join(f"{n} new {name}" for name, n in added.items()))
    return 0


def cmd_flag(args) -> int:
    """Flag a question as wrong or unclear, or take its flag back with --remove."""
    if args.remove:
        with open_store(writing=True) as store:
            removed = saving(store.remove_flag, args.id)
        if not removed:
            raise Failure(f"`{args.id}` is not flagged — `quizprep flags` lists your flags")
        print(f"removed the flag on {args.id}" + (f" ({removed} flags)" if removed > 1 else ""))
        return 0
    if args.services.catalog.question(args.id) is None:
        raise UsageError(f"unknown question id `{args.id}` — ids are shown next to each question")
    with open_store(writing=True) as store:
        saving(store.flag_question, args.id, args.reason, args.note or "")
    print(f"flagged {args.id} as {args.reason}; `quizprep flags` lists your flags")
    return 0


def cmd_flags(args) -> int:
    """List flagged questions (or write them as JSON with --json)."""
    with open_store() as store:
        rows = [dict(r) for r in store.flags()]
    if args.json:
        print(json.dumps([{k: r[k] for k in ("question_id", "reason", "note", "flagged_at")} for r in rows], indent=1))
        return 0
    if not rows:
        print("no flagged questions")
        return 0
    for r in rows:
        print(f"{r['flagged_at'][:10]}  {r['question_id']:<36}{r['reason']:<9}{r['note']}")
    print("(`quizprep flag --remove ID` takes a flag back)")
    return 0


def cmd_config(args) -> int:
    """Show or set scheduling settings."""
    from dataclasses import asdict

    with open_store(writing=args.value is not None) as store:
        if args.key is None:
            for key, value in asdict(store.settings()).items():
                print(f"{key} = {value}")
            return 0
        if args.value is None:
            raise UsageError(f"give a value: quizprep config {args.key} VALUE")
        try:
            saving(store.set_setting, args.key, args.value)
        except ValueError as err:
            raise UsageError(str(err)) from None
    print(f"{args.key} = {args.value}")
    return 0


def register(sub) -> None:
    p = sub.add_parser("review", help="review what is due, then what is left of today's new questions")
    p.add_argument("--count", "-n", type=count_arg, default=20, help="at most this many questions (default 20)")
    p.add_argument("--seed", type=seed_arg, default=None)
    p.set_defaults(func=cmd_review)
    p = sub.add_parser("stats", help="your progress: topics, exercises, streak, what to study next")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_stats)
    p = sub.add_parser("search", help="find questions (prompt, choices, explanation, tags) and exercises (id, title) by words")
    p.add_argument("words", nargs="+", metavar="TEXT", help="every word must match (a word matches the words it begins)")
    p.add_argument("--count", "-n", type=count_arg, default=None, help="at most this many results")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(func=cmd_search)
    p = sub.add_parser("export", help="write all progress as JSON (a backup, or to move machines)")
    p.add_argument("file", nargs="?", metavar="FILE", help="where to write (default, or -: standard output)")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("import", help="merge a progress export, or one of the automatic backups, into this machine's progress")
    p.add_argument("file", metavar="FILE", help="a `quizprep export` file or a backup (backups/progress-*.db)")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("flag", help="flag a question as wrong or unclear (or take the flag back with --remove)")
    p.add_argument("id", metavar="QUESTION_ID")
    p.add_argument("--reason", choices=("wrong", "unclear"), default="unclear")
    p.add_argument("--note", help="what is wrong with it")
    p.add_argument("--remove", action="store_true", help="remove the flag on this question instead")
    p.set_defaults(func=cmd_flag)
    p = sub.add_parser("flags", help="list flagged questions")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_flags)
    p = sub.add_parser("config", help="show or set target_retention, new_per_day, day_starts_hour")
    p.add_argument("key", nargs="?")
    p.add_argument("value", nargs="?")
    p.set_defaults(func=cmd_config)
