"""Explain answers that score themselves: after the learner writes an answer, the key points whose cues
match are shown ticked, the matched words are highlighted in the answer shown above them, the learner's
final ticks are what is recorded (and how they differ from the suggestion is kept as an event), and in a
mock interview the cues' ticks are the score unless the learner corrects them."""


from quizprep.progress import ProgressStore

from .test_interview_screen import FakeClock, fixed_interview
from .test_screens import wait_for

# "collapse" is a cue of point 1 and "one layer" of point 2 (tests/tui/conftest.py); nothing finds point 3
ANSWER = "Stacked linear layers collapse into one layer."


async def write_explain(app, pilot, text: str):
    app.start_quiz([app.services.catalog.question("d-explain")], seed=1)
    await pilot.pause()
    await pilot.press(*text, "ctrl+s")
    await pilot.pause()
    screen = app.screen
    assert screen.state == "ticking"
    return screen


def highlighted(widget) -> list[str]:
    """The runs of the widget's drawn text that carry the highlight (bold, underlined, reversed), line by line joined."""
    runs, current = [], ""
    for y in range(widget.size.height):
        for segment in widget.render_line(y):
            style = segment.style
            if style is not None and style.bold and style.underline and style.reverse:
                current += segment.text
            elif current:
                runs.append(current)
                current = ""
        current += " " if current else ""
    return [r.strip() for r in runs + [current] if r.strip()]


async def test_the_points_the_cues_find_are_ticked_and_their_words_highlighted(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await write_explain(app, pilot, ANSWER)
        points = screen.query_one("#key-points")
        assert points.selected == {0, 1}  # collapse -> 1, one layer -> 2; nothing names the boundaries
        prompts = [points.get_option_at_index(i).prompt.plain for i in range(3)]
        assert prompts[0].startswith("[x]") and prompts[1].startswith("[x]") and prompts[2].startswith("[ ]")
        shown = screen.query_one("#your-answer")
        assert "Stacked linear layers collapse" in shown.render().plain
        # the words of the cues, as the reader sees them marked (the answer wraps after "one")
        assert highlighted(shown) == ["collapse", "one layer"]
        assert "seems to cover the ticked key points (2 of 3)" in str(screen.query_one("#key-points-title").render())


async def test_unticking_a_suggested_point_is_the_answer_recorded(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await write_explain(app, pilot, ANSWER)
        await pilot.press("2", "enter")  # the learner says depth was not really argued
        await pilot.pause()
        assert screen.state == "feedback"
    store = ProgressStore()
    [row] = store.db.execute("SELECT question_id, score, given FROM answers").fetchall()
    assert row["question_id"] == "d-explain"
    assert abs(row["score"] - 1 / 3) < 1e-9  # one of three points: what the learner kept, not the cues' two
    events = store.db.execute("SELECT kind, ref, detail FROM events WHERE kind = 'key_point_ticks'").fetchall()
    assert [(e["ref"], e["detail"]) for e in events] == [("d-explain", "suggested 1,2; ticked 1; added -; removed 2")]


async def test_keeping_the_ticks_records_no_change_and_an_answer_without_cues_ticks_nothing(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await write_explain(app, pilot, ANSWER)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.state == "feedback"
        assert "you covered 2 of 3 key points" in str(screen.query_one("#verdict").render())
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        screen = await write_explain(app, pilot, "stacked layers merge")
        assert screen.query_one("#key-points").selected == set()
        assert "Which key points did you cover?" not in str(screen.query_one("#key-points-title").render())
    details = [r["detail"] for r in ProgressStore().db.execute("SELECT detail FROM events WHERE kind = 'key_point_ticks'")]
    assert details == ["suggested 1,2; ticked 1,2; added -; removed -"]


async def test_a_negated_cue_is_not_ticked(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await write_explain(app, pilot, "The layers do not collapse, depth adds nothing.")
        assert screen.query_one("#key-points").selected == {1}


async def test_in_a_mock_interview_the_cues_ticks_are_the_score_unless_corrected(app):
    clock = FakeClock()
    async with app.run_test(size=(100, 32)) as pilot:
        app.start_interview(fixed_interview(app, ["d-explain", "d-explain"], clock))
        await wait_for(pilot, lambda: getattr(app.screen, "ready", False) and app.screen.focused is not None)
        screen = app.screen
        await pilot.press(*ANSWER, "ctrl+s")
        await wait_for(pilot, lambda: screen.state == "ticking" and screen.ready)
        assert screen.query_one("#key-points").selected == {0, 1}
        assert "collapse" in screen.query_one("#your-answer").render().plain
        await pilot.press("enter")  # kept as the cues found them
        await wait_for(pilot, lambda: len(screen.session.results) == 1 and screen.state == "answering" and screen.ready)
        await wait_for(pilot, lambda: screen.focused is not None)
        await pilot.press(*ANSWER, "ctrl+s")
        await wait_for(pilot, lambda: screen.state == "ticking" and screen.ready)
        await pilot.press("2", "enter")  # corrected: point 2 was not really made
        await wait_for(pilot, lambda: len(screen.session.results) == 2)
        first, second = screen.session.results
        assert abs(first.score - 2 / 3) < 1e-9 and abs(second.score - 1 / 3) < 1e-9
    stored = [(r["question_id"], r["score"]) for r in ProgressStore().db.execute("SELECT question_id, score FROM answers ORDER BY id")]
    assert [q for q, _ in stored] == ["d-explain", "d-explain"]
    assert abs(stored[0][1] - 2 / 3) < 1e-9 and abs(stored[1][1] - 1 / 3) < 1e-9
    details = [r["detail"] for r in ProgressStore().db.execute("SELECT detail FROM events WHERE kind = 'key_point_ticks' ORDER BY id")]
    assert details == ["suggested 1,2; ticked 1,2; added -; removed -", "suggested 1,2; ticked 1; added -; removed 2"]
