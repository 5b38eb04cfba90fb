"""Journey: a whole review at 80x24 with the keyboard only, from the home screen and back, checked
against the store and against a tally the test keeps itself."""

from quizprep.progress import ProgressStore
from quizprep.tui.screens.home import HomeScreen
from quizprep.tui.screens.quiz import QuizScreen
from quizprep.tui.screens.summary import SummaryScreen

from .conftest import workers_done

RIGHT = {"d-single": "1", "d-tf": True, "d-numeric": "0.25", "d-short": "cross-entropy",
         "d-multiple": {"sigmoid", "tanh"}, "d-order": ["zero_grad", "forward", "backward", "step"]}


async def answer_with_keys(pilot, screen, right: bool) -> None:
    """Answer the current question as a person would: only key presses, reading the screen's order."""
    item = screen.session.current
    q = item.question
    if q.type == "single":
        shown = [c.text for c in item.choices]
        await pilot.press(str(shown.index("1" if right else "0") + 1), "enter")
    elif q.type == "multiple":
        shown = [c.text for c in item.choices]
        picks = RIGHT[q.id] if right else {"relu"}
        await pilot.press(*[str(shown.index(p) + 1) for p in sorted(picks)], "enter")
    elif q.type == "true_false":
        await pilot.press("t" if right else "f")
    elif q.type in ("numeric", "short"):
        await pilot.press(*(RIGHT[q.id] if right else "7"), "enter")
    elif q.type == "order":
        target = RIGHT[q.id] if right else list(reversed(RIGHT[q.id]))
        widget = screen.query_one("#answer")
        await pilot.press("home")
        for pos, text in enumerate(target):  # walk the cursor down to the item, then move it up with [
            at = [item.items[i] for i in widget.item_order].index(text)
            await pilot.press("home", *["down"] * at, *["left_square_bracket"] * (at - pos))
        await pilot.press("enter")
    else:  # explain: write, compare, tick the key points covered
        await pilot.press(*"linear maps compose into one", "ctrl+s")
        await pilot.pause()
        await pilot.press(*(["1", "2", "3"] if right else []), "enter")
    await pilot.pause()


async def test_a_review_at_80x24_with_the_keyboard_only(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen) and screen.mode == "review"
        asked = [i.question.id for i in screen.session.items]
        assert sorted(asked) == sorted(["d-single", "d-multiple", "d-tf", "d-numeric", "d-short", "d-order", "d-explain"])
        tally = {}
        for n, qid in enumerate(asked):
            assert screen.session.current.question.id == qid and screen.state == "answering"
            right = n % 3 != 2  # every third one wrong
            await answer_with_keys(pilot, screen, right)
            assert screen.state == "feedback", qid
            assert str(screen.query_one("#verdict").render()).startswith("✓" if right else "✗"), qid
            tally[qid] = right
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.summary.right == sum(tally.values()) and app.screen.summary.answered == len(asked)
        await pilot.press("escape")
        await pilot.pause(0.3)
        assert isinstance(app.screen, HomeScreen)
        await workers_done(app)
        await pilot.pause()
        today = str(app.screen.query_one("#today-figures").render())
        assert "New questions left:  0 today" in today and "Streak:              1 day" in today  # the whole bank is seen
    rows = ProgressStore().db.execute("SELECT question_id, correct, mode FROM answers ORDER BY id").fetchall()
    assert [(r[0], bool(r[1]), r[2]) for r in rows] == [(q, tally[q], "review") for q in asked]
    cards = ProgressStore().db.execute("SELECT COUNT(*) FROM cards").fetchone()[0]
    assert cards == len(asked)
