"""Pilot tests: every question type answered right and wrong, from the keyboard; undo and flag."""

import pytest

from quizprep.progress import ProgressStore
from quizprep.tui.screens.summary import SummaryScreen


async def start(app, pilot, qid):
    question = app.services.catalog.question(qid)
    app.start_quiz([question], mode="quiz", title="test", seed=1)
    await pilot.pause()
    return app.screen


def stored_answers():
    return [tuple(r) for r in ProgressStore().db.execute("SELECT question_id, correct, given FROM answers")]


def verdict_text(screen) -> str:
    return str(screen.query_one("#verdict").render())


async def answer_single(pilot, screen, right: bool):
    shown = [c.text for c in screen.session.current.choices]
    target = shown.index("1") if right else shown.index("3")
    await pilot.press(str(target + 1), "enter")


async def answer_multiple(pilot, screen, right: bool):
    shown = [c.text for c in screen.session.current.choices]
    picks = ["sigmoid", "tanh"] if right else ["sigmoid"]
    await pilot.press(*[str(shown.index(p) + 1) for p in picks], "enter")


async def answer_tf(pilot, screen, right: bool):
    await pilot.press("t" if right else "f")


async def answer_numeric(pilot, screen, right: bool):
    await pilot.press(*("0.25" if right else "0.5"), "enter")


async def answer_short(pilot, screen, right: bool):
    await pilot.press(*("Cross Entropy" if right else "hinge"), "enter")


async def answer_order(pilot, screen, right: bool):
    target = ["zero_grad", "forward", "backward", "step"] if right else ["forward", "zero_grad", "backward", "step"]
    shown = list(screen.session.current.items)
    widget = screen.query_one("#answer")
    # selection sort with the item-moving keys, as a learner would do it
    for pos, text in enumerate(target):
        current = [shown[i] for i in widget.item_order]
        at = current.index(text)
        widget.highlighted = at
        for _ in range(at - pos):
            await pilot.press("left_square_bracket")
    await pilot.press("enter")


async def answer_explain(pilot, screen, right: bool):
    await pilot.press(*"stacked layers merge", "ctrl+s")  # no cue matches: nothing is ticked for the learner
    await pilot.pause()
    assert screen.state == "ticking"
    await pilot.press(*(["1", "2"] if right else ["3"]), "enter")


ANSWERERS = {
    "d-single": answer_single, "d-multiple": answer_multiple, "d-tf": answer_tf, "d-numeric": answer_numeric,
    "d-short": answer_short, "d-order": answer_order, "d-explain": answer_explain,
}


@pytest.mark.parametrize("right", [True, False], ids=["right", "wrong"])
@pytest.mark.parametrize("qid", list(ANSWERERS))
async def test_each_type_answered_from_the_keyboard_is_checked_and_recorded(app, qid, right):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot, qid)
        await ANSWERERS[qid](pilot, screen, right)
        await pilot.pause()
        assert screen.state == "feedback"
        assert verdict_text(screen).startswith("✓ Right" if right else "✗ Not quite")
        assert stored_answers() == [(qid, int(right), screen.session.records[0].given)]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)


async def test_wrong_choice_shows_its_why_and_the_correct_answer(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot, "d-single")
        await answer_single(pilot, screen, right=False)
        await pilot.pause()
        texts = [str(w.render()) for w in screen.query("#feedback Static")]
        assert any("Answer: 1" in t for t in texts)
        assert any("That is the value, not the slope." in t for t in texts)
        assert any("comes back in" in t for t in texts)


async def test_invalid_number_is_a_hint_not_an_answer(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot, "d-numeric")
        await pilot.press(*"abc", "enter")
        await pilot.pause()
        assert screen.state == "answering" and stored_answers() == []
        assert "is not a number" in str(screen.query_one("#status-line").render())


async def test_undo_takes_back_the_answer_in_the_store_too(app):
    async with app.run_test(size=(80, 24)) as pilot:
        questions = [app.services.catalog.question(q) for q in ("d-tf", "d-numeric")]
        app.start_quiz(questions, seed=1)
        await pilot.pause()
        screen = app.screen
        await pilot.press("f")
        await pilot.pause()
        assert len(stored_answers()) == 1
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert stored_answers() == [] and screen.session.current.question.id == "d-tf" and screen.state == "answering"


async def test_flag_from_the_quiz(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot, "d-short")
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press(*"ambiguous")
        await pilot.click("#unclear")
        await pilot.pause()
        flags = [tuple(r) for r in ProgressStore().db.execute("SELECT question_id, reason, note FROM flags")]
        assert flags == [("d-short", "unclear", "ambiguous")]


async def test_summary_scores_by_topic_and_lists_missed(app):
    async with app.run_test(size=(80, 24)) as pilot:
        questions = [app.services.catalog.question(q) for q in ("d-tf", "d-numeric")]
        app.start_quiz(questions, seed=1)
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"9", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        text = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "1 of 2 right" in text and "d-numeric" in text


async def test_brackets_in_choices_and_answers_are_shown_literally(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot, "d-single")
        options = screen.query_one("#answer")
        labels = [options.get_option_at_index(i).prompt.plain for i in range(options.option_count)]
        assert any("[b]bold[/b] np.array([1.])" in label for label in labels)
        shown = [c.text for c in screen.session.current.choices]
        await pilot.press(str(shown.index("[b]bold[/b] np.array([1.])") + 1), "enter")
        await pilot.pause()
        texts = [w.render().plain for w in screen.query("#answer-area Static")]
        assert any("[b]bold[/b] np.array([1.])" in t for t in texts)


async def test_order_and_multiple_can_be_answered_with_the_mouse(app):
    async with app.run_test(size=(80, 30)) as pilot:
        screen = await start(app, pilot, "d-order")
        widget = screen.query_one("#answer")
        shown = list(screen.session.current.items)
        target = ["zero_grad", "forward", "backward", "step"]
        for pos, text in enumerate(target):  # selection sort with the up button
            at = [shown[i] for i in widget.item_order].index(text)
            widget.highlighted = at
            for _ in range(at - pos):
                await pilot.click("#move-up")
        await pilot.click("#submit")
        await pilot.pause()
        assert screen.state == "feedback" and verdict_text(screen).startswith("✓ Right")
        await pilot.click("#next")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)


async def test_multiple_submitted_with_the_mouse(app):
    async with app.run_test(size=(80, 30)) as pilot:
        screen = await start(app, pilot, "d-multiple")
        shown = [c.text for c in screen.session.current.choices]
        widget = screen.query_one("#answer")
        for text in ("sigmoid", "tanh"):
            widget.toggle(shown.index(text))
        await pilot.click("#submit")
        await pilot.pause()
        assert verdict_text(screen).startswith("✓ Right")


LONG_ID_BANK = """\
topic: a-rather-long-topic-name
title: Long names
questions:
  - id: a-question-id-long-enough-to-pass-the-edge-of-an-eighty-column-terminal
    type: true_false
    difficulty: 3
    prompt: Is this id shown whole?
    answer: true
    explanation: It wraps onto a second line.
"""


async def test_a_long_topic_and_id_wrap_in_the_header_instead_of_losing_the_id(tmp_path):
    from textual.widgets import Static

    from quizprep.tui.app import QuizprepApp

    from .conftest import fixture_services

    (tmp_path / "long.yaml").write_text(LONG_ID_BANK)
    app = QuizprepApp(fixture_services([tmp_path]), animate=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot, "a-question-id-long-enough-to-pass-the-edge-of-an-eighty-column-terminal")
        meta = screen.query_one("#quiz-meta", Static)
        shown = "".join(strip.text.strip() for strip in meta.render_lines(meta.region.reset_offset))
        assert "a-question-id-long-enough-to-pass-the-edge-of-an-eighty-column-terminal" in shown.replace("·", " · ")
        assert meta.region.height == 2
