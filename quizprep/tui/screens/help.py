"""Help: the keys, and how quizprep schedules and grades."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# quizprep — keys

**Everywhere** — `?` this help · `ctrl+p` command palette (every action, topic and exercise) ·
`ctrl+t` light/dark theme · `escape` back · `ctrl+q` quit

**Home** — `r` review · `t` quiz by topic · `e` exercises · `p` progress · `i` mock interview

**Topics** — `enter` a quiz of 10 questions · `p` practice: the same, without moving your review schedule

**Quiz** — choices: `1`–`9` pick, `space` toggles (several answers), `enter` submits ·
true/false: `t` / `f` · numbers and short answers: type, then `enter` ·
order: `↑`/`↓` move the cursor, `[` / `]` move the item up / down, `enter` submits ·
explain: write, then `ctrl+s`; tick the key points you covered and press `enter` ·
after an answer: `enter` next · `u` undo the last answer · `f` flag the question

**Mock interview** — the countdown stays on top · answer as in a quiz · `ctrl+g` grades your exercise file ·
`ctrl+n` moves on · `escape` ends it early (unanswered items count as missed)

**Exercise** — `g` grade · `e` edit in `$EDITOR` · `h` hint · `r` reset to the stub · `s` solution (after a pass) ·
saving the file re-grades it while the screen is open

Every answer and grade is saved the moment it happens. Questions come back on an FSRS schedule:
wrong answers soon, easy ones later. Press `escape` to close.
"""


class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Markdown(HELP)
