"""Journey: undo in every state of the quiz screen, each step checked against the store."""

from quizprep.progress import ProgressStore
from quizprep.tui.screens.quiz import QuizScreen


def stored() -> list[str]:
    return [r[0] for r in ProgressStore().db.execute("SELECT question_id FROM answers ORDER BY id")]


async def test_undo_on_an_unanswered_question_takes_back_the_previous_answer(app):
    async with app.run_test(size=(80, 24)) as pilot:
        questions = [app.services.catalog.question(q) for q in ("d-tf", "d-numeric")]
        app.push_screen(QuizScreen(questions, seed=1))
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
