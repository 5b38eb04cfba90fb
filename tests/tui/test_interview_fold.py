"""What is above and below the fold at 80x24 and 100x32: each interview question is shown from its top,
the key-point checklist under a long model answer comes into view (and back into view from the keyboard),
the key that submits stays in the footer when tab moves the focus off the answer, and the workbench's
footer keys fit 80 columns."""

import pytest

from quizprep.tui.screens.help import help_markdown

from .test_explain_and_choices import long_app, on_screen  # noqa: F401 — long_app is a fixture
from .test_interview_screen import FakeClock, fixed_interview

SIZES = [(80, 24), (100, 32)]


def in_view(app, widget) -> bool:
    """All of the widget is inside the page's viewport, and what is drawn there is it."""
    viewport = app.screen.query_one("#quiz-scroll").region
    return viewport.contains_region(widget.region) and on_screen(app, widget)


def footer_shows(screen) -> dict[str, str]:
    return {key.key: key.description for key in screen.query("FooterKey")}


@pytest.mark.parametrize("size", SIZES)
async def test_each_interview_question_is_shown_from_its_top(app, size):
    async with app.run_test(size=size) as pilot:
        session = fixed_interview(app, ["d-explain", "d-tf", "d-explain"], FakeClock())
        app.start_interview(session)
        await pilot.pause(0.5)  # long enough for any scroll under way to end
        screen = app.screen
        scroll = screen.query_one("#quiz-scroll")
        assert scroll.max_scroll_y > 0  # the explain box does not fit below the prompt: there is a top to lose
        assert scroll.scroll_y == 0 and in_view(app, screen.query_one("#prompt"))
        await pilot.press(*"first", "ctrl+s")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press("t")
        await pilot.pause(0.5)
        assert session.current.item.question.id == "d-explain" and len(session.results) == 2
        assert scroll.scroll_y == 0 and in_view(app, screen.query_one("#prompt"))
        await pilot.press(*"second")  # the answer box has the focus all the same
        assert screen.query_one("#answer").text == "second"


@pytest.mark.parametrize("size", SIZES)
async def test_the_key_points_under_a_long_model_answer_come_into_view(long_app, size):  # noqa: F811
    app = long_app
    async with app.run_test(size=size) as pilot:
        session = fixed_interview(app, ["l-explain", "l-multiple"], FakeClock())
        app.start_interview(session)
        await pilot.pause()
        await pilot.press(*"linear maps compose", "ctrl+s")
        await pilot.pause(0.3)
        screen = app.screen
        points = screen.query_one("#key-points")
        assert app.focused is points and in_view(app, points)
        scroll = screen.query_one("#quiz-scroll")
        scroll.scroll_home(animate=False)  # read the model answer from its top (a mouse wheel)
        await pilot.pause()
        assert not in_view(app, points)
        await pilot.press("pagedown")  # a key on the checklist brings it back
        await pilot.pause()
        assert in_view(app, points)
        await pilot.press("tab", "home")  # out of the checklist, to the top of the page, and back with the keyboard
        await pilot.pause()
        assert not in_view(app, points)
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.focused is points and in_view(app, points)
        await pilot.press("space", "enter")  # the highlight went to the last point with pagedown
        await pilot.pause(0.3)
        assert session.results[0].answered and session.results[0].score == pytest.approx(1 / 3)  # one of three points


async def test_the_submit_key_stays_in_the_footer_when_tab_leaves_the_answer(app):
    async with app.run_test(size=(80, 24)) as pilot:
        session = fixed_interview(app, ["d-explain", "d-multiple", "d-tf"], FakeClock())
        app.start_interview(session)
        await pilot.pause()
        screen = app.screen
        scroll = screen.query_one("#quiz-scroll")
        await pilot.press(*"stacked layers collapse", "tab", "tab")  # past the compare button, to the page itself
        await pilot.pause()
        assert app.focused is scroll
        assert footer_shows(screen).get("ctrl+s") == "Compare"
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert screen.state == "ticking"
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is scroll and footer_shows(screen).get("enter") == "Score it"
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert len(session.results) == 1 and session.current.item.question.id == "d-multiple"
        await pilot.press("tab", "tab")  # from the choices to the submit button, then the page
        await pilot.pause()
        assert app.focused is scroll and footer_shows(screen).get("enter") == "Submit"
        assert "ctrl+s" not in footer_shows(screen)  # comparing means nothing on a multiple-choice question
        await pilot.press("enter")  # nothing ticked: asked to tick one, nothing recorded
        await pilot.pause(0.3)
        assert len(session.results) == 1 and "tick at least one" in str(screen.query_one("#status-line").render())


def overlapping_or_cut(screen) -> list[str]:
    """Footer keys drawn past the right edge, over the next key, or narrower than their text."""
    keys = sorted(screen.query("FooterKey"), key=lambda k: k.region.x)
    width = screen.size.width
    bad = [f"{k.key} {k.description}" for k in keys
           if k.region.right > width or k.region.width < k.get_content_width(k.size, k.size)]
    bad += [f"{a.key} runs into {b.key}" for a, b in zip(keys, keys[1:], strict=False) if a.region.right > b.region.x]
    return bad


async def test_the_workbench_footer_fits_80_columns(app):
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_open_exercise("relu_grad")
        await pilot.pause(0.5)
        screen = app.screen
        assert overlapping_or_cut(screen) == []
        await pilot.press("ctrl+o")  # out of the editor, where the letter keys are shown
        await pilot.pause()
        assert {"h", "escape"} <= set(footer_shows(screen)) and overlapping_or_cut(screen) == []
        await pilot.press("s")  # a key not in the footer still works
        await pilot.pause()
        assert app.screen is not screen  # the reference opened over the workbench
        help_text = help_markdown(app)
        for description in ("Full size", "Derivation", "Reset", "Solution"):
            assert description.lower() in help_text.lower()
