"""Search: `/` opens it from anywhere but a mock interview; a word finds the question that holds it, and
choosing it asks that one question as practice; choosing an exercise opens it."""

from quizprep.progress import ProgressStore
from quizprep.tui.screens.quiz import QuizScreen
from quizprep.tui.screens.search import SearchScreen

from .test_screens import wait_for


async def test_a_word_finds_the_question_and_enter_practises_it(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"zero-centred")  # only the true/false question's prompt says it
        await pilot.pause()
        screen = app.screen
        assert [h.id for h in screen.hits] == ["d-tf"]
        assert "tanh is zero-centred." in str(screen.query_one("#search-results").get_option_at_index(0).prompt)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen))
        quiz = app.screen
        assert quiz.mode == "practice" and [i.question.id for i in quiz.session.items] == ["d-tf"]
        await pilot.press("t")
        await wait_for(pilot, lambda: quiz.state == "feedback")
    rows = [(r["question_id"], r["mode"]) for r in ProgressStore().db.execute("SELECT question_id, mode FROM answers")]
    assert rows == [("d-tf", "practice")]


async def test_arrows_choose_another_hit_and_an_exercise_opens(app):
    opened = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_open_exercise = opened.append  # the exercise screen is not what is tested here
        await pilot.pause()
        await pilot.press("slash", *"relu")
        await pilot.pause()
        hits = app.screen.hits
        assert "relu_grad" in [h.id for h in hits if h.kind == "exercise"]
        assert "d-single" in [h.id for h in hits if h.kind == "question"]  # "derivative of relu"
        await pilot.press("down")
        for _ in range([h.id for h in hits].index("relu_grad")):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert opened == ["relu_grad"] and not isinstance(app.screen, SearchScreen)


async def test_nothing_found_says_so_and_escape_closes(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"qwertyuiop")
        await pilot.pause()
        assert app.screen.hits == []
        assert "nothing holds every word" in str(app.screen.query_one("#search-count").render())
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen) and type(app.screen).__name__ == "HomeScreen"


async def test_no_search_during_a_mock_interview(app):
    from .test_interview_screen import FakeClock, fixed_interview

    async with app.run_test(size=(100, 32)) as pilot:
        app.start_interview(fixed_interview(app, ["d-single"], FakeClock()))
        await wait_for(pilot, lambda: type(app.screen).__name__ == "InterviewScreen" and app.screen.ready)
        await pilot.press("slash")
        await pilot.pause()
        assert type(app.screen).__name__ == "InterviewScreen"
