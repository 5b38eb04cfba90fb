"""The heatmap puts each day in its weekday row and week column, shaded by its count."""

from datetime import date, timedelta

from quizprep.tui.widgets.charts import bar, heatmap_rows


def test_heatmap_places_days_by_weekday_and_week():
    start = date(2026, 11, 2)  # a Monday
    per_day = {(start + timedelta(days=i)).isoformat(): 0 for i in range(14)}
    per_day[(start + timedelta(days=2)).isoformat()] = 4   # Wednesday of week 1: the busiest day
    per_day[(start + timedelta(days=13)).isoformat()] = 1  # Sunday of week 2
    rows = heatmap_rows(per_day)
    assert len(rows) == 7
    assert rows[2] == "We █·" and rows[6] == "Su ·░" and rows[0] == "Mo ··"


def test_heatmap_starts_mid_week():
    start = date(2026, 11, 4)  # a Wednesday
    rows = heatmap_rows({(start + timedelta(days=i)).isoformat(): 0 for i in range(3)})
    assert rows[0] == "Mo  " and rows[2] == "We ·" and rows[4] == "Fr ·"


def test_a_long_range_starting_mid_week_starts_at_its_first_monday_so_every_row_lines_up():
    start = date(2026, 11, 4)  # a Wednesday; 12 weeks of days from there
    per_day = {(start + timedelta(days=i)).isoformat(): 0 for i in range(84)}
    per_day[(start + timedelta(days=5)).isoformat()] = 3  # Monday 9 November: the first column's Monday
    rows = heatmap_rows(per_day)
    assert {len(r) for r in rows[:2]} == {3 + 12}  # the Monday and Tuesday rows are full: 12 weeks shown
    assert all(r[3] != " " for r in rows)  # no blank cell straight after any label
    assert rows[0][3] == "█"


def test_bar():
    assert bar(0.5, 10) == "█████░░░░░" and bar(None, 4) == "    " and bar(1.5, 3) == "███"
