"""A screen answers once: a second answer queued before it is gone (enter pressed twice on the topic list,
seen in a real terminal) neither crashes nor pops the screen below it."""

from quizprep.tui.screens.home import HomeScreen
from quizprep.tui.screens.topics import TopicsScreen


async def test_a_topic_chosen_twice_starts_one_quiz_and_keeps_home(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        topics = app.screen
        assert isinstance(topics, TopicsScreen)
        topics.dismiss(("demo", False))
        topics.dismiss(("demo", False))  # the second selection, already queued when the first one closed the list
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "QuizScreen"
        assert sum(type(s).__name__ == "QuizScreen" for s in app.screen_stack) == 1
        assert isinstance(app.screen_stack[0], HomeScreen) and len(app.screen_stack) == 2


async def test_escape_twice_on_a_modal_leaves_the_screen_below(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        helpscreen = app.screen
        helpscreen.dismiss()
        helpscreen.dismiss()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1
