"""Verbs for interview preparation: a timed mock interview, and the study plan to the interview date."""

from __future__ import annotations

import json
import random
import shutil
from datetime import date

from .common import UsageError, open_store, record


def _minutes_left(seconds: float) -> str:
    return f"{int(seconds // 60):02d}:{int(seconds % 60):02d}"


def print_report(report, catalog) -> None:
    """The report as text."""
    print(f"\nmock interview — {report.right}/{report.total} ({report.score:.0%})" + (" — time ran out" if report.timed_out else ""))
    print("by topic:")
    for topic, (right, total) in report.by_topic.items():
        print(f"  {topic:<24}{right}/{total}")
    print("items:")
    for r in report.items:
        mark = "✓" if r.correct else ("·" if not r.answered else "✗")
        extra = f" [{r.status}]" if r.kind == "exercise" else ""
        print(f"  {mark} {r.label:<36}{r.seconds:6.0f} s{extra}")
    for r in report.items:
        if r.model_answer and r.answered:
            print(f"\n{r.label}\n  your answer:  {r.given or '(empty)'}\n  model answer: {r.model_answer.strip()}")
    print("\nwork on next:")
    for i, line in enumerate(report.work_on, 1):
        print(f"  {i}. {line}")


def cmd_interview(args) -> int:
    """A timed mock interview in the plain terminal, or the history of past ones."""
    from ..bank import load_banks
    from ..grading import grade, load_catalogue
    from ..paths import bank_paths, home
    from ..progress.interviews import history, interview_inputs, save_report, trend
    from ..quiz.interview import InterviewSession, plan_interview
    from .plainquiz import read_explain, read_response, show_item

    with open_store() as store:
        if args.history:
            past = history(store)
            if not past:
                print("no mock interviews yet — `quizprep interview` starts one")
                return 0
            for h in past:
                print(f"{h['started_at'][:16].replace('T', ' ')}  {h['minutes']:>3} min  {h['right']:>3}/{h['total']:<3} {h['score']:6.0%}")
            print(f"trend: {trend([h['score'] for h in past])}")
            return 0
        if args.minutes < 5 or args.minutes > 180:
            raise UsageError("--minutes takes 5 to 180")
        catalog = load_banks(bank_paths())
        catalogue = load_catalogue()
        seed = args.seed if args.seed is not None else random.randrange(1 << 30)
        weights, due, candidates = interview_inputs(store, [(q.id, q.topic) for q in catalog.questions],
                                                    [(e.id, e.title) for e in catalogue])
        items = plan_interview(catalog.questions, minutes=args.minutes, seed=seed, topic_weights=weights, due_ids=due, exercises=candidates)
        session = InterviewSession(items, args.minutes, seed=seed)
        print(f"mock interview: {len(items)} items in {args.minutes} minutes (seed {seed}; the same seed gives the same interview)")
        try:
            while (entry := session.current) is not None:
                position = f"[{len(session.results) + 1}/{len(items)} · {_minutes_left(session.remaining())} left]"
                if entry.kind == "question":
                    show_item(entry.item, position)
                    q = entry.item.question
                    if q.type == "explain":
                        response, text = read_explain(q)
                    else:
                        response, text = read_response(entry.item), ""
                    if session.time_up:
                        break
                    result = session.answer(response, text=text)
                    print("✓ right" if result.correct else "✗ not quite")
                else:
                    exercise = next(e for e in catalogue if e.id == entry.exercise)
                    path = home() / "interview" / f"{exercise.id}.py"
                    path.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(exercise.stub, path)
                    print(f"\n{position} coding: {exercise.id} — {exercise.title}\n  implement it in {path}")
                    status = "skipped"
                    while not session.time_up:
                        answer = input("  enter: grade it · s: move on without it: ").strip().lower()
                        if answer == "s":
                            break
                        result = grade(exercise, path, timeout=min(10.0, max(session.remaining(), 1.0)))
                        status = result.status
                        print(f"  {status}: {result.passed}/{len(result.checks)} checks")
                        if status == "pass":
                            break
                    if session.time_up:
                        break
                    session.record_exercise(status, exercise.topic)
        except EOFError:
            print()
        if session.time_up:
            print("\ntime is up")
        report = session.report({e.id: e.topic for e in catalogue})
        record(save_report, store, report.to_dict())
    print_report(report, catalog)
    return 0


def cmd_plan(args) -> int:
    """Record the interview date, and show the plan to it."""
    from ..bank import load_banks
    from ..grading import load_catalogue
    from ..paths import bank_paths
    from ..progress.plan import plan_for

    with open_store() as store:
        if args.date is not None:
            try:
                day = date.fromisoformat(args.date)
            except ValueError:
                raise UsageError(f"--date takes YYYY-MM-DD, not {args.date!r}") from None
            record(store.set_interview_date, day)
        catalog = load_banks(bank_paths())
        plan = plan_for(store, [(q.id, q.topic) for q in catalog.questions], [e.id for e in load_catalogue()])
    if plan is None:
        print("no interview date yet — `quizprep plan --date YYYY-MM-DD` sets it")
        return 0
    if args.json:
        print(json.dumps(plan.to_dict()))
        return 0
    if not plan.days:
        print(f"the interview date {plan.interview} is today or past — good luck! `quizprep plan --date` sets a new one")
        return 0
    print(f"interview on {plan.interview}: {plan.days_left} study day(s) left")
    for d in plan.days[:14]:
        parts = []
        if d.reviews_due:
            parts.append(f"{d.reviews_due} reviews due")
        if d.new_total:
            parts.append(f"{d.new_total} new (" + ", ".join(f"{t} {n}" for t, n in d.new_by_topic.items()) + ")")
        if d.exercises:
            parts.append("exercises: " + ", ".join(d.exercises))
        if d.mock_interview:
            parts.append("a mock interview")
        print(f"  {d.day:%a %d %b}  " + ("; ".join(parts) or "reviews only"))
    if len(plan.days) > 14:
        print(f"  … and {len(plan.days) - 14} more days")
    return 0


def register(sub) -> None:
    p = sub.add_parser("interview", help="a timed mock interview (concept questions and coding), or --history")
    p.add_argument("--minutes", type=int, default=45, help="length in minutes (default 45)")
    p.add_argument("--seed", type=int, default=None, help="the same seed, banks and progress give the same interview")
    p.add_argument("--history", action="store_true", help="past mock interviews and the trend")
    p.set_defaults(func=cmd_interview)
    p = sub.add_parser("plan", help="set your interview date and see the day-by-day plan to it")
    p.add_argument("--date", help="the interview date, YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_plan)
