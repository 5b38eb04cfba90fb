"""Learner text inside the app's markup shows exactly as written and never breaks the markup around it."""

import pytest
from rich.markup import escape as rich_escape
from textual.content import Content
from textual.markup import MarkupError

from quizprep.tui.markup import escape

# a syntax error's traceback as the grader reports it: learner code `2t1[/`, and our own [b] after it
TRACEBACK = 'File "relu_grad.py", line 2\n    2t1[/\n    ^\nSyntaxError: invalid decimal literal\n'


@pytest.mark.parametrize("text", [TRACEBACK, "a\\[b]", "x[/y", "[b]bold?[/b]", "[red]x", "ends with \\", "", "plain"])
def test_escaped_text_reads_as_written_between_our_own_tags(text):
    shown = Content.from_markup(f"[b]head[/b] {escape(text)}[b]tail[/b]").plain
    assert shown.replace("\u200b", "") == f"head {text}tail"


def test_the_usual_escape_is_not_enough_for_a_traceback():
    with pytest.raises(MarkupError):
        Content.from_markup(f"[b]head[/b] {rich_escape(TRACEBACK)}[b]tail[/b]")
