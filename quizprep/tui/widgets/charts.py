"""Terminal charts: a calendar heatmap of study days and horizontal bars."""

from __future__ import annotations

from datetime import date

from textual.widgets import Static

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


class Heatmap(Static):
    """Study days over the last weeks, like a contribution calendar."""

    def __init__(self, per_day: dict[str, int], **kwargs) -> None:
        super().__init__(self.render_text(per_day), **kwargs)

    @staticmethod
    def render_text(per_day: dict[str, int]) -> str:
        rows = heatmap_rows(per_day)
        legend = f"less {SHADES[1:]} more · no answers ({sum(per_day.values())} answers)"
        return "\n".join(rows + [legend])
