"""Explain questions and ticked lists: the answer box has the focus at once, the key-point checklist
comes into view from the keyboard at any size, ticks read [x] / [ ] without colour, long choices wrap,
and `code` in a choice is drawn as code rather than with its backticks."""

import textwrap

import pytest
from textual.content import Content
from textual.geometry import Region

from quizprep.tui.app import QuizprepApp

from .conftest import fixture_services

LONG_MODEL = "\n\n".join(f"Paragraph {i}: stacked linear layers compose into a single linear map, so depth adds nothing." for i in range(12))
LONG_CHOICE = ("The gradient of the loss with respect to the logits of a softmax cross-entropy layer is the predicted "
               "probabilities minus the one-hot targets, divided by the batch size when the loss is averaged END")

BANK = textwrap.dedent("""\
    topic: long
    title: Long answers
    questions:
      - id: l-explain
        type: explain
        difficulty: 2
        prompt: Why do we need non-linear activations?
        model_answer: |
    {model}
        key_points: [composition of linear maps is linear, depth adds nothing, non-linear boundaries]
        explanation: A product of matrices is a matrix.
      - id: l-multiple
        type: multiple
        difficulty: 1
        prompt: Which hold?
        choices:
          - text: "{choice}"
            correct: true
          - text: "Uses `np.exp` on `x - x.max()` for stability"
            correct: true
          - text: short
            why: "Too short to be right."
        explanation: Both.
    """).format(model=textwrap.indent(LONG_MODEL, " " * 10), choice=LONG_CHOICE)


@pytest.fixture
def long_app(tmp_path):
    folder = tmp_path / "long-banks"
    folder.mkdir()
    (folder / "long.yaml").write_text(BANK)
    return QuizprepApp(fixture_services([folder]), animate=False)


def plain(prompt) -> str:
    return Content.from_markup(prompt).plain if isinstance(prompt, str) else prompt.plain


def on_screen(app, widget) -> bool:
    """The widget is drawn where it is: what the screen shows at its middle is it (or inside it)."""
    region = widget.region
    if not region.area:
        return False
    shown, _ = app.screen.get_widget_at(region.x + region.width // 2, region.y + region.height // 2)
    return shown is widget or widget in shown.ancestors


async def test_the_explain_box_has_the_focus_when_the_question_appears(app):
    async with app.run_test(size=(80, 24)) as pilot:
        questions = [app.services.catalog.question(q) for q in ("d-explain", "d-tf", "d-explain")]
        app.start_quiz(questions, seed=1)
        await pilot.pause()
        await pilot.press(*"first")
        assert app.screen.query_one("#answer").text == "first"
        await pilot.press("ctrl+s", "1", "enter")
        await pilot.pause()
        await pilot.press("enter", "t")
        await pilot.pause()
        await pilot.press("enter")  # straight on to the next explain question, typing at once
        await pilot.press(*"second")
        assert app.screen.query_one("#answer").text == "second"


@pytest.mark.parametrize("size", [(80, 24), (100, 32)])
async def test_the_key_point_checklist_is_reached_with_the_keyboard(long_app, size):
    app = long_app
    async with app.run_test(size=size) as pilot:
        app.start_quiz([app.services.catalog.question("l-explain")], seed=1)
        await pilot.pause()
        await pilot.press(*"linear maps compose", "ctrl+s")
        await pilot.pause(0.2)
        points = app.screen.query_one("#key-points")
        assert app.focused is points and on_screen(app, points)
        await pilot.press("1", "3", "enter")
        await pilot.pause()
        assert app.screen.state == "feedback" and app.screen.session.records[0].response == frozenset({0, 2})


async def test_ticked_and_unticked_read_differently_without_colour(app):
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_quiz([app.services.catalog.question("d-multiple")], seed=1)
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        widget = app.screen.query_one("#answer")
        marks = [plain(widget.get_option_at_index(i).prompt)[:3] for i in range(widget.option_count)]
        assert marks == ["[ ]", "[x]", "[ ]"]
        await pilot.press("2", "1")
        await pilot.pause()
        assert [plain(widget.get_option_at_index(i).prompt)[:3] for i in range(widget.option_count)] == ["[x]", "[ ]", "[ ]"]


async def drawn_choices(app, width: int) -> list[str]:
    """The lines the long multiple-answer question's choice list draws in a terminal `width` wide."""
    async with app.run_test(size=(width, 40)) as pilot:
        app.start_quiz([app.services.catalog.question("l-multiple")], seed=1)
        await pilot.pause()
        widget = app.screen.query_one("#answer")
        return [strip.text for strip in widget.render_lines(Region(0, 0, widget.outer_size.width, widget.outer_size.height))]


@pytest.mark.parametrize("width", [80, 160])
async def test_long_choices_wrap_instead_of_being_cut(long_app, width):
    text = " ".join(line.strip(" ▐X▌▊▎▔▁") for line in await drawn_choices(long_app, width))
    assert "…" not in text
    assert " ".join(text.split()).count("averaged END") == 1


@pytest.mark.parametrize("width", [80, 120])
async def test_a_wrapped_choice_continues_under_its_text_not_under_its_number(long_app, width):
    lines = await drawn_choices(long_app, width)
    first = next(i for i, line in enumerate(lines) if "The gradient of the loss" in line)
    last = next(i for i, line in enumerate(lines) if "averaged END" in line)
    assert last > first  # it wraps at this width
    column = lines[first].index("The gradient")
    assert lines[first][:column].rstrip()[-1].isdigit()  # "[ ] 1  The gradient..."
    for line in lines[first + 1:last + 1]:
        assert line[column - 3:column] == "   " and line[column] != " ", (lines[first], line)


async def test_code_in_a_choice_is_drawn_as_code(long_app):
    app = long_app
    async with app.run_test(size=(100, 30)) as pilot:
        app.start_quiz([app.services.catalog.question("l-multiple")], seed=1)
        await pilot.pause()
        widget = app.screen.query_one("#answer")
        prompts = [plain(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]
        code = next(p for p in prompts if "np.exp" in p)
        assert "`" not in code and "Uses np.exp on x - x.max() for stability" in code


async def test_ctrl_s_twice_on_an_explain_answer_waits_for_the_key_points(app):
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_quiz([app.services.catalog.question("d-explain")], seed=1)
        await pilot.pause()
        screen = app.screen
        await pilot.press(*"linear", "ctrl+s", "ctrl+s")
        await pilot.pause()
        assert app._exception is None and screen.state == "ticking" and screen.session.records == []
        await pilot.press("1", "enter")
        await pilot.pause()
        assert screen.state == "feedback" and screen.session.records[0].response == frozenset({0})




@pytest.mark.parametrize("qid", ["d-single", "d-multiple", "d-tf", "d-numeric", "d-order"])
async def test_every_answer_widget_removed_for_the_next_question_can_still_be_painted(app, qid):
    from textual.geometry import Region as Area

    async with app.run_test(size=(80, 24)) as pilot:
        app.start_quiz([app.services.catalog.question(q) for q in (qid, "d-tf")], seed=1)
        await pilot.pause()
        widget = app.screen.query_one("#answer")
        await widget.remove()
        lines = widget.render_lines(Area(0, 0, 20, 3))
        assert len(lines) == 3 and all(line.cell_length == 20 for line in lines)


async def test_an_explain_answer_removed_for_its_key_points_can_still_be_painted(app):
    # The screen may paint from its previous layout once more after the answer box gave way to the
    # key points (seen under fast keys in a mock interview): the removed editor must not raise.
    from textual.geometry import Region as Area

    async with app.run_test(size=(80, 24)) as pilot:
        app.start_quiz([app.services.catalog.question("d-explain")], seed=1)
        await pilot.pause()
        editor = app.screen.query_one("#answer")
        await pilot.press(*"words", "ctrl+s")
        await pilot.pause()
        assert not editor.is_attached
        lines = editor.render_lines(Area(0, 0, 20, 3))
        assert len(lines) == 3 and all(line.cell_length == 20 for line in lines)
