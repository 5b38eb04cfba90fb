"""The quizprep Textual app: screens, global keys and the command palette. Logic lives in the core."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from ..services import Services

if TYPE_CHECKING:
    from ..quiz import SessionSummary
    from ..quiz.interview import InterviewSession, Report


class QuizprepApp(App):
    """quizprep in the terminal."""

    TITLE = "quizprep"
    SUB_TITLE = "backprop interview prep"
    CSS_PATH = Path(__file__).with_name("app.tcss")
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("ctrl+t", "toggle_theme", "Light/dark theme", show=False),  # in the help and the palette; the footer is full
        Binding("slash", "search", "Search questions and exercises", key_display="/", show=False),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, services: Services | None = None, *, animate: bool = True) -> None:
        super().__init__()
        self.services = services or Services()
        self.animate = animate  # snapshot tests turn the spinner and cursor blink off
        self._theme_restored = self._peek_theme()

    def get_key_display(self, binding: Binding) -> str:
        """Keys as the status lines and the README spell them: `ctrl+u`, not `^u` (footer and help both use this)."""
        if binding.key_display:
            return binding.key_display
        display = super().get_key_display(binding)
        return "ctrl+" + display[1:] if display.startswith("^") else display

    def get_default_screen(self) -> Screen:
        from .screens.home import HomeScreen

        return HomeScreen()

    def on_unmount(self) -> None:
        self.services.close()

    crash_log: Path | None = None  # where the last unexpected error's traceback was written

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error: its traceback goes to a crash log; the terminal gets one line (see run)."""
        self.crash_log = write_crash_log(error)
        super()._handle_exception(error)  # exits with return code 1 (Textual's own handling)
        self._exit_renderables.clear()  # not Textual's full-screen traceback: run() prints one line instead

    async def action_quit(self) -> None:
        """Quit; a screen holding unsaved edits (the exercise editor) asks first: save, discard or stay."""
        for screen in reversed(self.screen_stack):
            ask = getattr(screen, "ask_before_leaving", None)
            if ask is not None and ask(self.exit):
                return
        self.exit()

    def action_command_palette(self) -> None:
        """Textual's palette, steady under fast keys (see palette.py)."""
        from textual.command import CommandPalette

        from .palette import SteadyCommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(SteadyCommandPalette(id="--command-palette"))

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"
        self.services.set_preference("theme", self.theme)  # remembered for the next start

    def on_mount(self) -> None:
        if not self._theme_restored:
            self.call_after_refresh(self._restore_theme)  # after the first frame: it needs the store

    def _peek_theme(self) -> bool:
        """The remembered theme before the first frame (no flash of the other one); False if it must wait for the store."""
        from ..progress.peek import PreferenceUnknown

        try:
            self._apply_theme(self.services.peek_preference("theme"))
        except PreferenceUnknown:
            return False
        return True

    def _restore_theme(self) -> None:
        self._apply_theme(self.services.preference("theme"))

    def _apply_theme(self, theme: str | None) -> None:
        if theme in ("textual-light", "textual-dark") and theme != self.theme:
            self.theme = theme

    # -- ways in, used by the home screen, the palette and the keys ------------------------------
    def action_review(self) -> None:
        questions = self.services.review_questions()
        if not questions:
            self.notify("Nothing is due and today's new questions are done. Try a topic quiz for practice.", title="All caught up")
            return
        self.start_quiz(questions, mode="review", title="Review")

    def action_topics(self) -> None:
        from .screens.topics import TopicsScreen

        def chosen(choice: tuple[str, bool] | None) -> None:
            if choice is not None:
                topic, practice = choice
                self.action_quiz_topic(topic, practice)

        self.push_screen(TopicsScreen(), chosen)

    def action_quiz_topic(self, topic: str, practice: bool = False) -> None:
        from ..quiz import select_questions

        questions = select_questions(self.services.catalog.questions, topics={topic}, count=10)
        bank = self.services.catalog.bank(topic)
        title = bank.title if bank else topic
        self.start_quiz(questions, mode="practice" if practice else "quiz", title=f"Practice: {title}" if practice else title)

    def action_exercises(self) -> None:
        from .screens.exercises import ExercisesScreen

        self.push_screen(ExercisesScreen())

    def action_open_exercise(self, exercise_id: str) -> None:
        from .screens.exercise import ExerciseScreen

        exercise = self.services.find_exercise(exercise_id)
        if exercise is not None:
            self.push_screen(ExerciseScreen(exercise))

    def action_interview(self) -> None:
        from .screens.interview_length import InterviewLengthScreen

        def start(minutes: int | None) -> None:
            if minutes is not None:
                self.start_interview(self.services.new_interview(minutes))

        self.push_screen(InterviewLengthScreen(), start)

    def action_search(self) -> None:
        """`/`: find a question (asked at once as practice) or an exercise (opened) by its words."""
        from .screens.search import SearchScreen

        def chosen(hit) -> None:
            if hit is None:
                return
            if hit.kind == "exercise":
                self.action_open_exercise(hit.id)
            else:
                self.start_quiz([self.services.question(hit.id)], mode="practice", title=f"Practice: {hit.id}")

        self.push_screen(SearchScreen(), chosen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No search over a mock interview (its clock runs) or over another dialog."""
        if action == "search":
            import sys

            from textual.screen import ModalScreen

            interview = sys.modules.get(f"{__package__}.screens.interview")  # not imported: no interview is on screen
            return not isinstance(self.screen, ModalScreen) and not (interview and isinstance(self.screen, interview.InterviewScreen))
        return True

    def action_progress(self) -> None:
        from .screens.progress import ProgressScreen

        self.push_screen(ProgressScreen())

    # -- what follows what: a screen returns its result (dismiss), the app decides the next screen --
    def start_quiz(self, questions: list, *, mode: str = "quiz", title: str = "Quiz", seed: int | None = None) -> None:
        """Ask `questions`; once anything is answered, the summary follows, and r on it practises the missed ones."""
        from .screens.quiz import QuizScreen
        from .screens.summary import SummaryScreen

        def ended(summary: SessionSummary | None) -> None:
            if summary is not None:  # None: left before the first answer, back where it started
                self.push_screen(SummaryScreen(summary, title), practise)

        def practise(missed: list | None) -> None:
            if missed:
                self.start_quiz(missed, mode="practice", title="Practice: missed questions")

        self.push_screen(QuizScreen(questions, mode=mode, title=title, seed=seed), ended)

    def start_interview(self, session: InterviewSession) -> None:
        """Run a mock interview; its report follows, unless it ended before the first answer (nothing is kept then)."""
        from .screens.interview import InterviewScreen
        from .screens.interview_report import InterviewReportScreen

        def ended(report: Report | None) -> None:
            if report is None:
                self.notify("The interview ended before the first answer, so it was not recorded.", title="Nothing recorded")
            else:
                self.push_screen(InterviewReportScreen(report))

        self.push_screen(InterviewScreen(session), ended)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Review", "Due questions first, then new ones", self.action_review)
        yield SystemCommand("Quiz by topic", "Pick a topic to quiz on", self.action_topics)
        yield SystemCommand("Exercises", "The coding exercises and their status", self.action_exercises)
        yield SystemCommand("Progress", "Mastery, accuracy, study days", self.action_progress)
        yield SystemCommand("Mock interview", "Timed concept questions and coding; you choose the length", self.action_interview)
        yield SystemCommand("Search", "Find a question or an exercise by its words (/)", self.action_search)
        yield SystemCommand("Help", "Keys and how quizprep works", self.action_help)
        yield SystemCommand("Toggle light/dark", "Switch between the light and dark theme", self.action_toggle_theme)
        for bank in self.services.catalog.banks:
            yield SystemCommand(f"Quiz: {bank.title}", f"10 questions on {bank.topic}",
                                lambda topic=bank.topic: self.action_quiz_topic(topic))
        for exercise in self.services.exercises:
            yield SystemCommand(f"Exercise: {exercise.id}", exercise.title,
                                lambda eid=exercise.id: self.action_open_exercise(eid))


def write_crash_log(error: BaseException) -> Path | None:
    """Append the error's traceback to $QUIZPREP_HOME/crash.log; the path, or None if it cannot be written."""
    import traceback
    from datetime import datetime

    from ..paths import home

    try:
        path = home() / "crash.log"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n")
            log.write("".join(traceback.format_exception(error)))
        return path
    except OSError:
        return None


def crash_message(app: QuizprepApp) -> str:
    """The one line printed after the app stopped on an unexpected error."""
    error = app._exception
    what = f"{type(error).__name__}: {(str(error).splitlines() or [''])[0]}" if error is not None else "an unexpected error"
    where = f"the details are in {app.crash_log}" if app.crash_log else "the details could not be written to a crash log"
    return (f"quizprep stopped on an unexpected error ({what}); your answers so far are saved; {where} "
            "— please include it when you report the problem")


def run(services: Services | None = None) -> int:
    """Start the app (what `quizprep` with no verb does) over `services`; 1 after an unexpected error."""
    import sys

    app = QuizprepApp(services)
    app.run()
    if app.return_code:
        print(crash_message(app), file=sys.stderr)
        return app.return_code
    return 0
