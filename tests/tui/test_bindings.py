"""Every key a footer shows, on every screen and in every state, runs an action that exists and does
not raise; the help lists each of them; and what help says is bound is bound."""

import re

import pytest
from textual.actions import parse

from quizprep.tui.screens.help import help_markdown, help_sections
from quizprep.tui.screens.summary import SummaryScreen

from .conftest import fixture_services


async def quiz(app, pilot, qids=("d-tf", "d-explain"), then=()):
    app.start_quiz([app.services.catalog.question(q) for q in qids], seed=1)
    await pilot.pause()
    for keys in then:
        await pilot.press(*keys)
        await pilot.pause()


async def home(app, pilot):
    await pilot.pause()


async def topics(app, pilot):
    app.action_topics()
    await pilot.pause()


async def quiz_first_question(app, pilot):
    await quiz(app, pilot)


async def quiz_feedback(app, pilot):
    await quiz(app, pilot, then=[("t",)])


async def quiz_second_question(app, pilot):
    await quiz(app, pilot, then=[("t",), ("enter",)])


async def quiz_ticking(app, pilot):
    await quiz(app, pilot, then=[("t",), ("enter",), (*"linear", "ctrl+s")])


async def summary_with_missed(app, pilot):
    await quiz(app, pilot, qids=("d-tf",), then=[("f",), ("enter",)])


async def summary_all_right(app, pilot):
    await quiz(app, pilot, qids=("d-tf",), then=[("t",), ("enter",)])


async def exercises(app, pilot):
    app.action_exercises()
    await pilot.pause(0.3)


async def exercise(app, pilot):
    app.action_open_exercise("relu_grad")
    await pilot.pause()


async def exercise_panel(app, pilot):  # out of the editor, where letters are keys
    await exercise(app, pilot)
    await pilot.press("ctrl+o")
    await pilot.pause()


async def progress(app, pilot):
    app.action_progress()
    await pilot.pause(0.3)


async def interview(app, pilot):
    app.start_interview(app.services.new_interview(20, seed=2))
    await pilot.pause()


async def help_screen(app, pilot):
    await pilot.press("question_mark")
    await pilot.pause()


SCENARIOS = [home, topics, quiz_first_question, quiz_feedback, quiz_second_question, quiz_ticking, summary_with_missed,
             summary_all_right, exercises, exercise, exercise_panel, progress, interview, help_screen]


def footer_bindings(app) -> dict[str, tuple]:
    """key -> (node, binding) for what the footer shows: shown, and not hidden by check_action."""
    return {key: (active.node, active.binding) for key, active in app.screen.active_bindings.items()
            if active.binding.show and active.enabled}


def visible(app) -> tuple:
    """What a learner could notice changing: the screen, the focus, a panel filling the screen, the notifications, the
    theme, the text."""
    texts = tuple(str(w.render()) for w in app.screen.query("Static"))
    return (len(app.screen_stack), type(app.screen).__name__, app.focused, app.screen.maximized, len(app._notifications), app.theme,
            texts)


def action_target(app, node, action: str):
    destination, name, _ = parse(action)
    target = {"app": app, "screen": app.screen, "": node}.get(destination, node)
    return getattr(target, f"action_{name}", None)


async def scenario_keys(app_factory, scenario) -> dict:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await scenario(app, pilot)
        shown = footer_bindings(app)
        for key, (node, binding) in shown.items():
            assert action_target(app, node, binding.action) is not None, f"{key}: no action {binding.action}"
        return {key: (type(node).__name__, binding.description) for key, (node, binding) in shown.items()}


@pytest.fixture
def app_factory(bank_dir):
    from quizprep.tui.app import QuizprepApp

    return lambda: QuizprepApp(fixture_services([bank_dir]), animate=False)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
async def test_every_key_in_the_footer_runs_without_error(app_factory, scenario):
    keys = await scenario_keys(app_factory, scenario)
    assert keys, "the footer shows no key at all"
    for key in keys:
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await scenario(app, pilot)
            before = visible(app)
            await pilot.press(key)
            await pilot.pause(0.1)
            assert app._exception is None, f"{scenario.__name__}: {key} raised {app._exception!r}"
            if app.return_code is None:  # quitting is doing something too
                assert visible(app) != before, f"{scenario.__name__}: {key} ({keys[key][1]}) did nothing visible"


async def test_undo_is_shown_only_when_there_is_something_to_undo(app_factory):
    assert "ctrl+u" not in await scenario_keys(app_factory, quiz_first_question)
    assert "ctrl+u" in await scenario_keys(app_factory, quiz_feedback)
    assert "ctrl+u" in await scenario_keys(app_factory, quiz_second_question)
    assert "ctrl+u" in await scenario_keys(app_factory, quiz_ticking)


async def test_practise_the_missed_ones_is_offered_only_when_something_was_missed(app_factory):
    assert "r" in await scenario_keys(app_factory, summary_with_missed)
    assert "r" not in await scenario_keys(app_factory, summary_all_right)


def help_keys(app, title: str) -> set[str]:
    """The keys (in backticks) of one section of the help, down to the next section."""
    text = help_markdown(app)
    section = re.search(rf"\*\*{re.escape(title)}\*\* — (.*?)(?:\n\*\*|\Z)", text, re.S).group(1)
    return set(re.findall(r"`([^`]+)`", section))


@pytest.mark.parametrize("scenario,title", [(home, "Home"), (topics, "Topics"), (quiz_feedback, "Quiz"),
                                            (quiz_first_question, "Quiz"), (quiz_ticking, "Quiz"),
                                            (summary_with_missed, "End of a quiz"), (exercise, "Exercise"), (exercise_panel, "Exercise"),
                                            (exercises, "Exercises"), (progress, "Progress"), (interview, "Mock interview")],
                         ids=lambda s: getattr(s, "__name__", s))
async def test_help_lists_every_key_the_footer_shows_as_the_footer_shows_it(app_factory, scenario, title):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await scenario(app, pilot)
        listed = help_keys(app, title) | help_keys(app, "Everywhere")
        if title == "Mock interview":  # "answer as in a quiz"
            listed |= help_keys(app, "Quiz")
        for active in app.screen.active_bindings.values():
            if active.binding.show and active.enabled:
                shown = app.get_key_display(active.binding)
                assert shown in listed, f"{title}: the footer shows {shown} ({active.binding.description}), the help does not"


def test_every_key_in_the_help_is_bound_where_the_help_says():
    from quizprep.tui.app import QuizprepApp

    app = QuizprepApp()
    for title, owners, note in help_sections(app):
        displays = set()
        for owner in owners:
            for binding in vars(owner).get("BINDINGS", []):
                for key in binding.key.split(","):
                    displays.add(binding.key_display or app.get_key_display(type(binding)(key.strip(), binding.action)))
        notes = set(re.findall(r"`([^`]+)`", note))
        for key in help_keys(app, title) - notes:
            assert key in displays, f"help's {title} lists {key}, which no binding there has"


def test_help_spells_keys_the_way_the_footer_does():
    from quizprep.tui.app import QuizprepApp

    text = help_markdown(QuizprepApp())
    assert "`ctrl+u` undo last" in text and "`ctrl+f` flag" in text and "`ctrl+q` quit" in text
    assert "`u` undo" not in text and "`f` flag" not in text
    assert SummaryScreen.BINDINGS  # the help's "End of a quiz" is generated from these
