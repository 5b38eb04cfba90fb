"""A grade as plain text: one line per check, then the diagnosis of the first failure."""

from __future__ import annotations

from .result import GradeResult

MARKS = {"pass": "✓", "fail": "✗", "error": "!", "timeout": "⏱", "not_run": "·"}
HEADLINES = {"pass": "passed", "fail": "not yet", "error": "error", "timeout": "timed out"}


def format_grade(result: GradeResult, *, title: str = "", output_lines: int = 8) -> str:
    """The grade report printed by `quizprep grade` and `quizprep watch`."""
    lines = [f"{title or result.exercise}: {HEADLINES.get(result.status, result.status)} "
             f"({result.passed}/{len(result.checks)} checks, {result.duration_s:.2f} s)"]
    if result.message:
        lines.append(f"  {result.message}")
        lines.extend(f"    {d}" for d in result.detail.splitlines()[-10:])
    shown_not_run = False
    for check in result.checks:
        if check.status == "not_run":
            if not shown_not_run and not result.message:
                lines.append(f"  {MARKS['not_run']} {check.message} (and the checks after it)")
            shown_not_run = True
            continue
        lines.append(f"  {MARKS.get(check.status, '?')} {check.name}")
    first = result.first_failure
    if first is not None:
        lines.append("")
        lines.append(f"first problem — {first.name}:")
        lines.append(f"  {first.message}")
        lines.extend(f"    {d}" for d in first.diagnosis)
        if first.output.strip():
            out = first.output.rstrip().splitlines()
            lines.append("  your code printed:")
            lines.extend(f"    | {o}" for o in out[:output_lines])
            if len(out) > output_lines:
                lines.append(f"    | … {len(out) - output_lines} more lines")
    return "\n".join(lines)
