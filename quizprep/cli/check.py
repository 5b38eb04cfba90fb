"""`quizprep check QUESTION_ID ANSWER`: check an answer to any question without recording it, so an author
can try a key, a tolerance or an explain question's cues."""

from __future__ import annotations

import json
import sys

from .common import UsageError
from .text import fill

TYPED_HELP = """\
ANSWER as typed in the plain quiz, with choices and items numbered as the bank lists them:
  single 2 · multiple 1,3 · true_false t or f · numeric 6.6e-3 · short the text ·
  order 3 1 2 (each item's number, in your order) · explain the written answer (its key points
  are ticked as their cues suggest). Several words are joined by spaces; `-` reads the answer from
  standard input; put `--` before an answer that starts with `-`.
"""


def cmd_check(args) -> int:
    from ..services import UnknownQuestion

    answer = sys.stdin.read() if args.answer == ["-"] else " ".join(args.answer)
    try:
        result = args.services.check_answer(args.id, answer)
    except UnknownQuestion as err:
        raise UsageError(str(err)) from None
    except ValueError as err:
        raise UsageError(f"{args.id}: {err}") from None
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
        return 0
    verdict, q = result.verdict, result.question
    head = "✓ right" if verdict.correct else "✗ not quite"
    if q.type == "explain":
        found = sum(d.detected for d in result.detections)
        print(f"{head}: the cues find {found} of {len(result.detections)} key points (score {verdict.score:.2f}; half or more is right)")
        if not any(q.key_point_cues):
            print("  (no key point of this question has cues yet, so none is ticked for the learner)")
        for d in result.detections:
            print(fill(d.text, f"  [{'x' if d.detected else ' '}] {d.index + 1}. ", "         "))
            shown = _fragments(result.text, [m for m in d.matches if not m.negated])
            negated = _fragments(result.text, [m for m in d.matches if m.negated])
            cues = q.key_point_cues[d.index] if d.index < len(q.key_point_cues) else ()
            if shown:
                print(fill("matched " + ", ".join(shown), "         ", "         "))
            if negated:
                print(fill("negated, not counted: " + ", ".join(negated), "         ", "         "))
            if not cues and any(q.key_point_cues):
                print("         (no cues: only the learner can tick it)")
        return 0
    print(fill(f"{head} (score {verdict.score:.2f}) — answer: {verdict.expected}", "", "  "))
    for line in verdict.feedback:
        print(fill(line, "  · ", "    "))
    return 0


def _fragments(text: str, matches) -> list[str]:
    """Each matched fragment of the answer once, quoted, with the cue that found it when that reads otherwise."""
    out: dict[tuple[int, int], str] = {}
    for m in matches:
        fragment = text[m.start:m.end]
        said = f'"{fragment}"' if m.cue.casefold() == " ".join(fragment.split()).casefold() else f'"{fragment}" ({m.cue})'
        out.setdefault((m.start, m.end), said)
    return list(out.values())


def register(sub) -> None:
    import argparse

    p = sub.add_parser("check", help="check an answer to a question without recording it (try your keys and cues)",
                       epilog=TYPED_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("id", metavar="QUESTION_ID")
    p.add_argument("answer", nargs="+", metavar="ANSWER", help="the answer as you would type it (see below)")
    p.add_argument("--json", action="store_true", help='print one JSON object: {"correct", "score", "expected"}, or for an explain '
                                                       'question {"correct", "score", "key_points": [{"text", "detected", "matched"}]}')
    p.set_defaults(func=cmd_check)
