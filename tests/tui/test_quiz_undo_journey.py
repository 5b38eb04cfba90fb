"""Journey: undo in every state of the quiz screen, each step checked against the store."""

from quizprep.progress import ProgressStore


def stored() -> list[str]:
    return [r[0] for r in ProgressStore().db.execute("SELECT question_id FROM answers ORDER BY id")]


async def test_undo_on_an_unanswered_question_takes_back_the_previous_answer(app):
    async with app.run_test(size=(80, 24)) as pilot:
        questions = [app.services.catalog.question(q) for q in ("d-tf", "d-numeric")]
        app.start_quiz(questions, seed=1)
        await pilot.pause()
        screen = app.screen
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("enter")  # on to d-numeric, not answered yet
        await pilot.pause()
        assert screen.session.current.question.id == "d-numeric" and stored() == ["d-tf"]
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert app._exception is None
        assert stored() == [] and screen.session.current.question.id == "d-tf" and screen.state == "answering"
        assert len(screen.query("#answer")) == 1


async def test_undo_in_every_state_of_the_quiz_screen(app):
    from quizprep.tui.screens.summary import SummaryScreen

    async with app.run_test(size=(80, 24)) as pilot:
        questions = [app.services.catalog.question(q) for q in ("d-tf", "d-explain", "d-numeric")]
        app.start_quiz(questions, seed=1)
        await pilot.pause()
        screen = app.screen

        async def keys(*names):
            await pilot.press(*names)
            await pilot.pause()

        def at() -> tuple:
            """The question on screen (in feedback: the one just answered) and the screen's state."""
            item = screen.session.records[-1].item if screen.state == "feedback" else screen.session.current
            return item.question.id, screen.state

        # the first question, nothing answered: undo does nothing, and says nothing is lost
        await keys("ctrl+u")
        assert at() == ("d-tf", "answering") and stored() == []
        # feedback: the answer goes, the question is asked again
        await keys("t")
        assert at() == ("d-tf", "feedback") and stored() == ["d-tf"]
        await keys("ctrl+u")
        assert at() == ("d-tf", "answering") and stored() == []
        # writing an explain answer (the next question, unanswered): the previous answer goes
        await keys("t", "enter")
        assert at() == ("d-explain", "answering")
        await keys(*"half a thought")
        await keys("ctrl+u")
        assert at() == ("d-tf", "answering") and stored() == []
        # ticking the key points: back to writing, nothing was recorded for it
        await keys("t", "enter")
        await keys(*"stacked linear maps collapse", "ctrl+s")
        assert at() == ("d-explain", "ticking") and stored() == ["d-tf"]
        await keys("ctrl+u")
        assert at() == ("d-explain", "answering") and stored() == ["d-tf"]
        await keys(*"typed at once")  # the answer box has the focus again: nothing typed is lost
        assert screen.query_one("#answer").text == "typed at once"
        # after an undo, undo again: the answer before goes too
        await keys("ctrl+s", "1", "enter")
        assert at() == ("d-explain", "feedback") and stored() == ["d-tf", "d-explain"]
        await keys("ctrl+u")
        assert at() == ("d-explain", "answering") and stored() == ["d-tf"]
        await keys("ctrl+u")
        assert at() == ("d-tf", "answering") and stored() == []
        # and the quiz still runs to its end, with what was kept
        await keys("f", "enter")
        await keys(*"depth adds nothing", "ctrl+s", "2", "enter", "enter")
        await keys(*"0.25", "enter")
        assert at() == ("d-numeric", "feedback")
        await keys("enter")
        assert isinstance(app.screen, SummaryScreen) and app.screen.summary.answered == 3
    assert stored() == ["d-tf", "d-explain", "d-numeric"]
