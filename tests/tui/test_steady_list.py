"""Every option list of the app (answers, topics, search hits) takes a page key before its options are
laid out (Textual's own OptionList raises KeyError then: seen with random keys on an answer list)."""

import pytest
from textual.app import App
from textual.widgets import OptionList

from quizprep.tui.widgets import answers
from quizprep.tui.widgets.steady_list import SteadyOptionList


class OneList(App):
    def __init__(self, cls):
        super().__init__()
        self.cls = cls

    def compose(self):
        yield self.cls(*[f"option {i}" for i in range(8)], id="list")


@pytest.mark.parametrize("cls", [OptionList, SteadyOptionList])
async def test_a_page_key_on_a_list_not_laid_out_yet(cls):
    app = OneList(cls)
    crashed = False
    try:
        async with app.run_test(size=(40, 12)) as pilot:
            options = app.query_one("#list", OptionList)
            options.focus()
            options.highlighted = 3
            options.display = False  # no size: its lines cannot be laid out
            await pilot.pause()
            options._line_cache.clear()
            options.action_page_down()
            options.action_page_up()
            await pilot.pause()
    except KeyError:
        crashed = True
    assert crashed is (cls is OptionList)  # Textual's own raises, which is why the app never uses it bare


def test_the_answer_lists_are_steady():
    for cls in (answers.ChoiceAnswer, answers.TrueFalseAnswer, answers.TickList, answers.OrderAnswer):
        assert issubclass(cls, SteadyOptionList), cls
