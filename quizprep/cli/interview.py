"""Verbs for interview preparation: a timed mock interview, and the study plan to the interview date."""

from __future__ import annotations

import json
import shutil
import sys
from datetime import date

from ..grading.limits import DEFAULT_TIMEOUT_S
from .common import UsageError, record_grade, saving
from .text import fill, render, width


def _minutes_left(seconds: float) -> str:
    return f"{int(seconds // 60):02d}:{int(seconds % 60):02d}"


def print_code(r) -> None:
    """A coding item's latest grade and the code written for it, numbered as in the file; long lines wrap under the gutter."""
    from ..quiz.interview import code_to_show

    print(f"\n{r.label} — latest grade: {r.status} · {r.seconds:.0f} s")
    if not r.code:
        print("  no code written")
        return
    start, code = code_to_show(r.code)
    room = max(width() - 8, 20)
    for n, line in enumerate(code.splitlines(), start):
        line = line.expandtabs(4)
        print(f"{n:>5} │ {line[:room]}".rstrip())
        for at in range(room, len(line), room):
            print(f"      │ {line[at:at + room]}".rstrip())


def print_report(report) -> None:
    """The report as text, with the code written for each coding item."""
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
            print(f"\n{r.label}\n" + fill(f"your answer: {r.given or '(empty)'}", "  ", "    ") + "\n  model answer:\n"
                  + render(r.model_answer, indent="    "))
    for r in report.items:
        if r.kind == "exercise" and (r.answered or r.code):
            print_code(r)
    if not report.work_on:
        print("\nwork on next: nothing from this interview — every item was right")
        return
    print("\nwork on next:")
    for i, line in enumerate(report.work_on, 1):
        print(f"  {i}. {line}")


def print_history(past: list[dict]) -> None:
    """Past interviews, numbered for --show, unfinished ones marked, and the trend over the finished ones."""
    from ..progress.interviews import trend

    if not past:
        print("no mock interviews yet — `quizprep interview` starts one")
        return
    for n, h in enumerate(past, 1):
        line = (f"{n:>3}  {h['started_at'][:16].replace('T', ' ')}  {h['minutes']:>3} min  {h['right']:>3}/{h['total']:<3} "
                f"{h['score']:5.0%}")
        if h["status"] != "finished":
            answered = sum(1 for item in h["report"].get("items", ()) if item.get("answered"))
            line += f"  unfinished ({answered} of {h['total']} answered)"
        print(line)
    scores = [h["score"] for h in past if h["status"] == "finished"]
    if len(scores) < 2:
        print(f"trend: none yet — a trend needs two finished interviews ({len(scores)} so far)")
    else:
        print(f"trend: {trend(scores)}")
    print(fill(f"`quizprep interview --show N` shows interview N's report and your code (--show {len(past)}: the latest)"))


def show_interview(past: list[dict], number: int) -> None:
    """Interview `number` of the history (1 the oldest; negative counts from the latest) as its full report."""
    from ..quiz.interview import Report

    if not past:
        raise UsageError("--show: there are no mock interviews yet — `quizprep interview` starts one")
    if not (1 <= number <= len(past) or -len(past) <= number <= -1):
        numbers = "1" if len(past) == 1 else f"1 to {len(past)}"
        raise UsageError(f"--show takes {numbers} (the numbers `quizprep interview --history` lists), or -1 for the latest; "
                         f"not {number}")
    h = past[number - 1 if number > 0 else number]
    try:
        report = Report.from_dict(h["report"])
    except (TypeError, ValueError, AttributeError):
        raise UsageError(f"--show {number}: that interview's stored report cannot be read (it is kept as it is)") from None
    print(f"mock interview of {h['started_at'][:16].replace('T', ' ')}, {h['minutes']} min, seed {h['seed']}"
          + ("" if h["status"] == "finished" else " — unfinished"))
    print_report(report)


def _writer():
    """A store write for the interview: a read-only store is said once, not after every answer."""
    from ..progress import ReadOnlyStore

    said = []

    def write(fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ReadOnlyStore as err:
            if not said:
                print(f"quizprep: not recorded: {err}", file=sys.stderr)
                said.append(err)
            return None
    return write


def cmd_interview(args) -> int:
    """A timed mock interview in the plain terminal, or the history of past ones."""
    from ..quiz.interview import check_length, check_seed

    if args.show is not None:
        show_interview(args.services.interview_history(unfinished=True), args.show)
        return 0
    if not args.history:
        try:
            check_length(args.minutes)
        except ValueError as err:
            raise UsageError(f"--minutes: {err} — e.g. --minutes 45") from None
        if args.seed is not None:
            try:
                check_seed(args.seed)
            except ValueError as err:
                raise UsageError(f"--seed: {err} — or leave it out for a random interview") from None
    if args.history:
        print_history(args.services.interview_history(unfinished=True))
        return 0
    return _run_interview(args.services, args.minutes, args.seed)


def _run_interview(services, minutes: int, seed: int | None) -> int:
    from ..grading import grade
    from ..paths import home
    from ..quiz.interview import describe_plan
    from .plainquiz import read_explain, read_response, show_item

    session = services.new_interview(minutes, seed)
    items = session.items
    recorder = services.interview_recorder(session, write=_writer())
    coding = None  # (file, stub) of the coding item under way: its code is kept if the interview ends during it
    print(f"mock interview: {describe_plan(items, minutes)} (seed {session.seed}; the same seed gives the same interview)")
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
                recorder.item_done()
                print("✓ right" if result.correct else "✗ not quite")
            else:
                exercise = services.exercise(entry.exercise)
                path = home() / "interview" / f"{exercise.id}.py"
                path.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(exercise.stub, path)
                print(f"\n{position} coding: {exercise.id} — {exercise.title}\n  implement it in {path}")
                status = "skipped"
                stub = exercise.stub.read_text(encoding="utf-8", errors="replace")
                coding = (path, stub)
                while not session.time_up:
                    answer = input("  enter: grade it · s: move on without it: ").strip().lower()
                    if answer == "s":
                        break
                    result = grade(exercise, path, timeout=min(DEFAULT_TIMEOUT_S, max(session.remaining(), 1.0)))
                    status = result.status
                    record_grade(services, exercise.id, result, source=path)  # a grade in an interview counts like any other
                    print(f"  {status}: {result.passed}/{len(result.checks)} checks")
                    if status == "pass":
                        break
                    session.keep_draft(_written(path, stub), status)
                if session.time_up:
                    session.keep_draft(_written(path, stub), "" if status == "skipped" else status)
                    break
                session.record_exercise(status, exercise.topic, code=_written(path, stub))
                coding = None
                recorder.item_done()
    except EOFError:
        _keep_coding(session, coding)
        print()
    except KeyboardInterrupt:
        _keep_coding(session, coding)
        recorder.item_done()  # the code under way goes in the unfinished report too
        answered = sum(r.answered for r in session.results)
        if recorder.uid is not None:
            print(f"\ninterrupted — your {answered} answer(s) are recorded and the interview is kept as unfinished "
                  "(`quizprep interview --history`)")
        elif not answered:
            print("\ninterrupted before the first answer — nothing recorded")
        else:
            print("\ninterrupted")  # a read-only store: that nothing could be recorded was said already
        return 130
    if session.time_up:
        print("\ntime is up")
    report = recorder.finish()
    if report is None:
        print("the interview ended before the first answer — nothing recorded")
        return 0
    print_report(report)
    return 0


def _keep_coding(session, coding) -> None:
    """The coding item under way when the interview stops: its file's code and latest grade kept for the report."""
    if coding is not None:
        session.keep_draft(_written(*coding), session.draft[1] if session.draft else "")


def _written(path, stub: str) -> str:
    """The code in an interview's coding file, or "" when nothing was written there (the stub as it was, or no file)."""
    try:
        code = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "" if code == stub else code


def cmd_plan(args) -> int:
    """Record the interview date, and show the plan to it."""
    if args.days is not None and args.days < 1:
        raise UsageError("--days takes a number of days, 1 or more")
    if args.date is not None:
        try:
            day = date.fromisoformat(args.date)
        except ValueError:
            raise UsageError(f"--date takes YYYY-MM-DD, not {args.date!r}") from None
        try:
            saving(args.services.set_interview_date, day)  # a store that cannot take it (read-only, busy, full) ends the verb
        except ValueError as err:
            raise UsageError(f"{err}; the saved date is unchanged") from None
    numbers = args.services.today()
    plan = numbers.plan
    if plan is None:
        print("no interview date yet — `quizprep plan --date YYYY-MM-DD` sets it")
        return 0
    if args.json:
        out = plan.to_dict()
        out["new_today"] = {"allowance": numbers.new_allowance, "started": numbers.introduced, "left": numbers.new_left}
        print(json.dumps(out))
        return 0
    if plan.too_far:
        print(f"the saved interview date {plan.interview} is more than a year ahead, so there is no plan — "
              "`quizprep plan --date YYYY-MM-DD` sets the real one")
        return 0
    if not plan.days:
        if plan.interview < plan.today:
            print(f"your interview date {plan.interview} has passed — `quizprep plan --date YYYY-MM-DD` sets the next one")
        else:
            print(f"your interview is today ({plan.interview}) — good luck! `quizprep plan --date` sets the next one")
        return 0
    print(f"interview on {plan.interview:%a %d %b %Y}: {plan.days_left} study day(s) left")
    shown = plan.days if args.all or args.days is None and len(plan.days) <= 21 else plan.days[:args.days or 14]
    for d in shown:
        parts = []
        if d.day == plan.today:
            parts.append(f"{d.reviews_due} review{'' if d.reviews_due == 1 else 's'} due today")
        elif d.reviews_due:
            parts.append(f"~{d.reviews_due} reviews")
        if d.new_total:
            mix = ", ".join(f"{t}\x00{n}" for t, n in d.new_by_topic.items())  # \x00: never wrap a topic from its count
            left = f" — {numbers.new_left} left" if d.day == plan.today and numbers.introduced else ""
            parts.append(f"{d.new_total} new ({mix}){left}")
        if d.exercises:
            parts.append("exercises: " + ", ".join(d.exercises))
        if d.mock_interview:
            parts.append("a mock interview")
        print(fill("; ".join(parts) or "reviews only", indent=f"  {d.day:%a %d %b}  ", hanging=" " * 14).replace("\x00", " "))
    hidden = plan.days[len(shown):]
    if hidden:
        mocks = sum(d.mock_interview for d in hidden)
        print(fill(f"… {len(hidden)} more day(s) to {hidden[-1].day:%a %d %b}, {mocks} with a mock interview — "
                   "`quizprep plan --all` shows every day", indent="  ", hanging="    "))
    print(fill("(~ reviews: expected from your cards' due dates if every answer is right; a wrong answer adds more)"))
    return 0


def register(sub) -> None:
    p = sub.add_parser("interview", help="a timed mock interview (concept questions and coding), or --history")
    p.add_argument("--minutes", type=int, default=45,
                   help="length in minutes, 5 to 180 (default 45); coding needs 20 or more, two exercises 40 or more")
    p.add_argument("--seed", type=int, default=None, help="the same seed, banks and progress give the same interview")
    p.add_argument("--history", action="store_true", help="past mock interviews, numbered, and the trend")
    p.add_argument("--show", type=int, metavar="N", help="interview N of --history (-1: the latest): its report and the code you wrote")
    p.set_defaults(func=cmd_interview)
    p = sub.add_parser("plan", help="set your interview date and see the day-by-day plan to it")
    p.add_argument("--date", help="the interview date, YYYY-MM-DD: after today and at most a year ahead")
    p.add_argument("--days", type=int, default=None, metavar="N", help="show the first N days (default: all up to 21, else 14)")
    p.add_argument("--all", action="store_true", help="show every day to the interview")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_plan)
