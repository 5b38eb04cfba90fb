"""The readiness chart of the progress screen: the readiness on the interview day as it stood at the end
of each study day so far, and as the plan projects it for each day until the interview.

Imported only when the progress screen has a readiness to draw: plotext is not part of the first frame.
"""

from __future__ import annotations

from datetime import date

from textual_plotext import PlotextPlot

HISTORY_SHOWN = 30  # days of history drawn at most, so the projection keeps room at 80 columns


def chart_series(readiness) -> tuple[list[int], list[float], list[int], list[float]]:
    """(x, y) of the readiness reached so far and of the projection, x in days from today, y in percent."""
    days = [*readiness.history, *readiness.projected]  # history ends today, the projection starts today
    today = date.fromisoformat(list(readiness.history)[-1] if readiness.history else days[0]) if days else readiness.at.date()

    def offset(day: str) -> int:
        return (date.fromisoformat(day) - today).days

    history = [(offset(d), 100 * v) for d, v in readiness.history.items()][-HISTORY_SHOWN:]
    projected = [(offset(d), 100 * v) for d, v in readiness.projected.items()]
    return [x for x, _ in history], [y for _, y in history], [x for x, _ in projected], [y for _, y in projected]


def tick_days(first: int, last: int, count: int = 5) -> list[int]:
    """A few whole-day positions from `first` to `last`, evenly spaced, always with both ends and today (0)
    when it is in range; a tick too close to one of those gives way to it."""
    if last <= first:
        return [first]
    step = max(1, round((last - first) / (count - 1)))
    fixed = {first, last, *([0] if first <= 0 <= last else [])}
    spaced = [t for t in range(first, last + 1, step) if all(abs(t - f) >= step / 2 for f in fixed)]
    return sorted(fixed | set(spaced))


class ReadinessChart(PlotextPlot):
    """Readiness on the interview day per study day: so far (dots), then projected if the plan is followed (a line of ━)."""

    def __init__(self, readiness, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.readiness = readiness

    def on_mount(self) -> None:
        self.draw()

    def draw(self) -> None:
        plt = self.plt
        plt.clear_figure()
        hx, hy, px, py = chart_series(self.readiness)
        if hx:
            plt.scatter(hx, hy, marker="•", label="so far")
        if px:
            plt.plot(px, py, marker="━", label="plan followed")
        xs = hx + px or [0]
        lo, hi = min(xs), max(max(xs), 1)
        ticks = tick_days(lo, hi)
        plt.xticks(ticks, ["today" if t == 0 else f"{t:+d}" for t in ticks])
        plt.xlim(lo - 0.5, hi + 0.5)
        plt.ylim(0, 100)
        plt.yticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
        plt.xlabel(f"days from today (interview {self.readiness.interview})")
        self.refresh()
