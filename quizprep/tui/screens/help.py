"""Help: every screen's keys, generated from the bindings themselves (so help and footer cannot
disagree), then how quizprep schedules and grades."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from .once import AnswersOnce

ABOUT = """\
Every answer and grade is saved the moment it happens. Questions come back on an FSRS schedule:
wrong answers soon, easy ones later. Press esc to close.
"""

WORKBENCH_NOTE = (
    "the exercise opens as a workbench: your file in a Python editor (the cursor starts there; `tab` indents), "
    "its instructions, the grade and what a run printed. `esc` or `ctrl+o` takes you out of the editor, where the "
    "letter keys work; `enter` on an error in the grade or the output goes to its line. Your file on disk is the "
    "truth: a change made to it elsewhere is loaded and graded, and unsaved edits are asked about before leaving "
    "and kept beside it (`ID.py.unsaved`) to be offered back after a crash")


def help_sections(app) -> list[tuple[str, list, str]]:
    """(title, binding owners, a note on keys typed as answers), in the order a learner meets them."""
    from ..app import QuizprepApp
    from .exercise import ExerciseScreen
    from .exercises import ExercisesScreen
    from .home import HomeScreen
    from .interview import InterviewScreen
    from .interview_report import InterviewReportScreen
    from .progress import ProgressScreen
    from .quiz import QuizScreen
    from .summary import SummaryScreen
    from .topics import TopicsScreen

    answering = "\n".join(f"- {line}" for line in answer_lines(app))
    return [
        ("Everywhere", [QuizprepApp], "`ctrl+p` opens the command palette: every action, topic and exercise"),
        ("Home", [HomeScreen], ""),
        ("Topics", [TopicsScreen], "`enter` starts a quiz of 10 questions"),
        ("Quiz", [QuizScreen], f"after an answer: `⏎` next question\n\n{answering}"),
        ("End of a quiz", [SummaryScreen], ""),
        ("Mock interview", [InterviewScreen], "answer as in a quiz (the keys above); the countdown stays on top; "
                                              "a coding item is written in the exercise's editor"),
        ("Mock interview report", [InterviewReportScreen], ""),
        ("Exercises", [ExercisesScreen], "`↑`/`↓` choose one"),
        ("Exercise", [ExerciseScreen], WORKBENCH_NOTE),
        ("Progress", [ProgressScreen], ""),
    ]


def answer_lines(app) -> list[str]:
    """One line per question type: its answer widgets' keys, then how it is answered."""
    from ..widgets.answers import WIDGETS_FOR_TYPE
    from .quiz import TYPE_NAMES, QuizScreen

    lines = []
    for qtype, widgets in WIDGETS_FOR_TYPE.items():
        keys = [f"{key_text(app, b)} {b.description.lower()}" for w in widgets for b in described_bindings(w)]
        lines.append(f"{TYPE_NAMES[qtype]}: " + " · ".join(keys) + (" — " if keys else "") + QuizScreen.HINTS[qtype])
    return lines


def described_bindings(owner) -> list[Binding]:
    """An owner's bindings that have a description, one per action (keys of the same action together)."""
    by_action: dict[str, Binding] = {}
    keys: dict[str, list[str]] = {}
    for binding in vars(owner).get("BINDINGS", []):  # its own, not those of the Textual widget it extends
        if isinstance(binding, tuple):
            binding = Binding(*binding)
        if not binding.description or binding.system:
            continue
        by_action.setdefault(binding.action, binding)
        keys.setdefault(binding.action, []).extend(k.strip() for k in binding.key.split(","))
    return [Binding(",".join(dict.fromkeys(keys[a])), a, b.description, key_display=b.key_display) for a, b in by_action.items()]


def key_text(app, binding: Binding) -> str:
    """How the footer shows a binding's key(s), e.g. `ctrl+u` or `esc` / `⏎` (the app's own key display)."""
    if binding.key_display:
        return f"`{binding.key_display}`"
    return " / ".join(f"`{app.get_key_display(Binding(key, binding.action))}`" for key in binding.key.split(","))


def help_markdown(app) -> str:
    """The whole help text for `app`, generated from the screens' bindings."""
    lines = ["# quizprep — keys", ""]
    for title, owners, note in help_sections(app):
        seen: set[tuple[str, str]] = set()
        entries = []
        for owner in owners:
            for binding in described_bindings(owner):
                if (binding.key, binding.description) in seen:
                    continue
                seen.add((binding.key, binding.description))
                entries.append(f"{key_text(app, binding)} {binding.description.lower()}")
        if note:
            entries.append(note)
        lines += [f"**{title}** — " + " · ".join(entries), ""]
    return "\n".join(lines) + "\n" + ABOUT


class HelpScreen(AnswersOnce, ModalScreen[None]):
    """Every screen's keys and how quizprep works."""

    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Markdown(help_markdown(self.app))
