"""Terminal charts: a calendar heatmap of study days and horizontal bars."""

from __future__ import annotations

from datetime import date

SHADES = " ░▒▓█"
DAY_NAMES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


def bar(fraction: float | None, width: int = 12) -> str:
    """A fixed-width bar: █ for the filled share, ░ for the rest, blank when unknown."""
    if fraction is None:
        return " " * width
    filled = round(max(0.0, min(fraction, 1.0)) * width)
    return "█" * filled + "░" * (width - filled)


def heatmap_rows(per_day: dict[str, int]) -> list[str]:
    """Seven text rows (Mon..Sun), one column per week from the first Monday, shaded by answers that day."""
    days = sorted(per_day)
    if not days:
        return []
    # whole weeks only, from the first Monday: a part week first would leave blank cells after some
    # weekday labels, which reads as labels out of line (a short range keeps all its days)
    skip = (7 - date.fromisoformat(days[0]).weekday()) % 7
    if len(days) - skip >= 7:
        days = days[skip:]
    peak = max(per_day[d] for d in days) or 1
    first = date.fromisoformat(days[0])
    offset = first.weekday()
    columns = (offset + len(days) + 6) // 7
    grid = [[" "] * columns for _ in range(7)]
    for i, day in enumerate(days):
        n = per_day[day]
        pos = offset + i
        shade = SHADES[0] if n == 0 else SHADES[min(1 + (n * (len(SHADES) - 2)) // peak, len(SHADES) - 1)]
        grid[pos % 7][pos // 7] = shade if n else "·"
    return [f"{DAY_NAMES[r]} " + "".join(grid[r]) for r in range(7)]


def heatmap_text(per_day: dict[str, int]) -> str:
    """Study days like a contribution calendar: the rows of heatmap_rows and a legend with the total."""
    legend = f"less {SHADES[1:]} more · no answers ({sum(per_day.values())} answers)"
    return "\n".join(heatmap_rows(per_day) + [legend])
