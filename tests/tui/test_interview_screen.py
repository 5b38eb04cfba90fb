"""The mock interview screen: a walk with a fake clock, consecutive questions of every type, ending
early, an interview kept as it goes (through a quit and a crash), coding keys only on coding items,
and the status an exercise is recorded with."""

from pathlib import Path
from types import SimpleNamespace

import pytest

from quizprep.progress import ProgressStore
from quizprep.progress.interviews import history
from quizprep.tui.screens.interview import InterviewScreen
from quizprep.tui.screens.interview_report import InterviewReportScreen
from quizprep.tui.widgets.answers import AnswerGiven

from .test_quiz_screen import ANSWERERS
from .test_screens import wait_for

ROOT = Path(__file__).resolve().parents[2]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_a_mock_interview_from_start_to_report(app):
    clock = FakeClock()
    async with app.run_test(size=(80, 24)) as pilot:
        session = app.services.new_interview(20, seed=11, clock=clock)
        kinds = [i.kind for i in session.items]
        assert kinds.count("exercise") == 1 and kinds.count("question") >= 3
        explain = sum(1 for i in session.items if i.kind == "question" and i.item.question.type == "explain")
        assert explain * 3 >= kinds.count("question")  # at least a third are explain questions
        app.start_interview(session)
        await pilot.pause()
        screen = app.screen
        expected_right = 0
        answered = 0
        stop_after = len(session.items) - 1  # leave the last item for the clock to run out on
        while len(session.results) < stop_after:
            entry = session.current
            clock.now += 30
            if entry.kind == "question":
                right = answered % 2 == 0  # alternate right and wrong answers
                await answer(pilot, screen, right)
                await pilot.pause()
                expected_right += right
            else:
                ex = app.services.exercise(entry.exercise)
                await wait_for(pilot, lambda: screen.exercise_path is not None and screen.exercise_path.exists() and screen.ready)
                screen.exercise_path.write_text(ex.solution.read_text())
                await pilot.press("ctrl+g")
                await wait_for(pilot, lambda entry=entry: session.current is not entry, timeout=60)
                expected_right += 1
            answered += 1
        assert "left" in str(screen.query_one("#countdown").render())
        clock.now += 20 * 60  # time runs out on the last item
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewReportScreen), timeout=5)
        await pilot.pause(0.3)  # let the report screen finish mounting before the app shuts down
        assert any("Mock interview:" in str(w.render()) for w in app.screen.query("Static"))
    stored = history(ProgressStore())
    assert len(stored) == 1
    report = stored[0]["report"]
    assert report["total"] == len(session.items) and report["right"] == expected_right
    assert report["timed_out"] is True
    assert sum(1 for item in report["items"] if not item["answered"]) == len(session.items) - answered
    assert sum(b for _, b in report["by_topic"].values()) == len(session.items)
    assert [i["status"] for i in report["items"] if i["kind"] == "exercise"] == ["pass"]
    assert len(report["work_on"]) >= 1


class AsQuiz:
    """The interview screen seen by the quiz answerers: `session.current` is the presented question."""

    def __init__(self, screen) -> None:
        self.screen = screen

    @property
    def session(self):
        return SimpleNamespace(current=self.screen.session.current.item)

    @property
    def state(self) -> str:
        return self.screen.state

    def query_one(self, *args):
        return self.screen.query_one(*args)


async def answer(pilot, screen, right: bool) -> None:
    """Answer the interview's current question from the keyboard, right or wrong, once it takes keys."""
    await wait_for(pilot, lambda: screen.ready and screen.focused is not None, timeout=5)
    await ANSWERERS[screen.session.current.item.question.id](pilot, AsQuiz(screen), right)


def fixed_interview(app, qids, clock, exercises=(), minutes=45):
    """An interview over the demo questions in the order given (exercise ids as "ex:<id>")."""
    from quizprep.quiz.interview import InterviewItem, InterviewSession
    from quizprep.quiz.session import QuizSession

    questions = [app.services.catalog.question(q) for q in qids if not q.startswith("ex:")]
    presented = iter(QuizSession(questions, seed=5).items)
    items = []
    for q in qids:
        if q.startswith("ex:"):
            ex = app.services.exercise(q[3:])
            items.append(InterviewItem("exercise", exercise=ex.id, title=ex.title))
        else:
            items.append(InterviewItem("question", item=next(presented)))
    return InterviewSession(items, minutes, seed=5, clock=clock, wall_clock=lambda: 1_700_000_000.0)


async def test_consecutive_non_explain_questions_do_not_crash(app):
    order = ["d-single", "d-tf", "d-numeric", "d-multiple", "d-short", "d-order", "d-explain"]
    clock = FakeClock()
    async with app.run_test(size=(80, 24)) as pilot:
        session = fixed_interview(app, order, clock)
        app.start_interview(session)
        await pilot.pause()
        screen = app.screen
        for qid in order:
            assert session.current.item.question.id == qid
            await answer(pilot, screen, True)
            await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewReportScreen), timeout=5)
        await pilot.pause(0.3)
    assert [r.correct for r in session.results] == [True] * len(order)


def stored_interviews():
    return history(ProgressStore())


def interview_answers():
    return [tuple(r) for r in ProgressStore().db.execute("SELECT question_id, correct, mode FROM answers ORDER BY id")]


async def test_ending_early_asks_first_and_before_the_first_answer_keeps_nothing(app):
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_interview(fixed_interview(app, ["d-tf", "d-numeric"], FakeClock()))
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "HomeScreen"
    assert stored_interviews() == [] and interview_answers() == []


async def test_ending_early_after_an_answer_keeps_a_finished_interview(app):
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_interview(fixed_interview(app, ["d-tf", "d-numeric"], FakeClock()))
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause(0.3)
        assert isinstance(app.screen, InterviewReportScreen)
    [stored] = stored_interviews()
    assert stored["status"] == "finished" and (stored["right"], stored["total"]) == (1, 2)
    assert interview_answers() == [("d-tf", 1, "interview")]


async def test_a_quit_mid_interview_keeps_it_as_unfinished_with_its_answers(app):
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_interview(fixed_interview(app, ["d-tf", "d-numeric", "d-short"], FakeClock()))
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"0.5", "enter")
        await pilot.pause()
        await pilot.press("ctrl+q")
    [stored] = stored_interviews()
    assert stored["status"] == "unfinished" and (stored["right"], stored["total"]) == (1, 3)
    assert [i["answered"] for i in stored["report"]["items"]] == [True, True, False]
    assert interview_answers() == [("d-tf", 1, "interview"), ("d-numeric", 0, "interview")]
    assert ProgressStore().db.execute("SELECT COUNT(*) FROM cards WHERE key LIKE 'q:%'").fetchone()[0] == 2  # both scheduled


async def test_a_crash_mid_interview_keeps_it_as_unfinished(app, monkeypatch):
    async def broken(self, area, entry):
        raise RuntimeError("the exercise could not be shown")

    monkeypatch.setattr(InterviewScreen, "_show_exercise", broken)
    with pytest.raises(RuntimeError, match="could not be shown"):
        async with app.run_test(size=(80, 24)) as pilot:
            app.start_interview(fixed_interview(app, ["d-tf", "ex:relu_grad", "d-short"], FakeClock()))
            await pilot.pause()
            await pilot.press("t")
            await pilot.pause(0.3)
    [stored] = stored_interviews()
    assert stored["status"] == "unfinished" and [i["answered"] for i in stored["report"]["items"]] == [True, False, False]
    assert interview_answers() == [("d-tf", 1, "interview")]


async def test_an_answer_meant_for_the_previous_question_is_not_given_to_the_next(app):
    async with app.run_test(size=(80, 24)) as pilot:
        session = fixed_interview(app, ["d-tf", "d-numeric"], FakeClock())
        app.start_interview(session)
        await pilot.pause()
        widget = app.screen.query_one("#answer")
        widget.post_message(AnswerGiven(True))  # two quick presses of t: both queued before the first is handled
        widget.post_message(AnswerGiven(True))
        await pilot.pause(0.3)
        assert len(session.results) == 1 and session.current.item.question.id == "d-numeric"
        assert app.screen.query_one("#answer").value == ""
    assert interview_answers() == [("d-tf", 1, "interview")]


def footer_keys(screen) -> set[str]:
    return {key.key for key in screen.query("FooterKey")}


async def test_coding_keys_are_offered_only_on_a_coding_item(app):
    async with app.run_test(size=(100, 30)) as pilot:
        session = fixed_interview(app, ["d-tf", "ex:relu_grad"], FakeClock())
        app.start_interview(session)
        await pilot.pause()
        screen = app.screen
        assert not {"ctrl+g", "ctrl+n"} & set(screen.active_bindings)
        assert not {"ctrl+g", "ctrl+n"} & footer_keys(screen)
        await pilot.press("ctrl+n")  # does nothing on a question
        await pilot.pause()
        assert session.results == []
        await pilot.press("t")
        await pilot.pause(0.3)
        assert session.current.kind == "exercise"
        assert {"ctrl+g", "ctrl+n"} <= set(screen.active_bindings)
        assert {"ctrl+g", "ctrl+n"} <= footer_keys(screen)


async def test_an_exercise_moved_past_is_recorded_with_its_own_status(app):
    clock = FakeClock()
    async with app.run_test(size=(80, 24)) as pilot:
        session = fixed_interview(app, ["d-tf", "ex:relu_grad", "ex:softmax", "d-numeric"], clock)
        app.start_interview(session)
        await pilot.pause()
        screen = app.screen
        await pilot.press("t")
        await wait_for(pilot, lambda: screen.exercise_path is not None and screen.ready)
        await pilot.press("ctrl+g")  # the untouched stub fails
        await wait_for(pilot, lambda: screen.last_status != "skipped", timeout=60)
        assert screen.last_status in ("fail", "error")
        screen.exercise_path.write_text(app.services.exercise("relu_grad").solution.read_text())
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: len(session.results) == 2, timeout=60)
        await wait_for(pilot, lambda: screen.exercise_path is not None and screen.exercise_path.stem == "softmax" and screen.ready)
        await pilot.press("ctrl+n")  # never graded: skipped, whatever the exercise before it got
        await pilot.pause()
        assert [(r.label, r.status) for r in session.results[1:]] == [("relu_grad", "pass"), ("softmax", "skipped")]


async def test_the_length_is_asked_first_and_escape_starts_nothing(app):
    from quizprep.tui.screens.interview_length import InterviewLengthScreen

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, InterviewLengthScreen)
        assert app.screen.query_one("#minutes").value == "45"
        await pilot.press("escape")  # `i` pressed by accident
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("backspace", "backspace", "3", "enter")  # too short: said, and the dialog stays
        await pilot.pause()
        assert isinstance(app.screen, InterviewLengthScreen)
        assert "5 to 180" in str(app.screen.query_one("#length-problem").render())
        await pilot.press("0", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen), timeout=5)
        assert app.screen.session.minutes == 30
    assert stored_interviews() == []


async def test_a_perfect_report_says_so_and_a_first_interview_has_no_trend_yet(app):
    async with app.run_test(size=(100, 32)) as pilot:
        session = fixed_interview(app, ["d-tf"], FakeClock())
        app.start_interview(session)
        await pilot.pause()
        await answer(pilot, app.screen, True)
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewReportScreen), timeout=5)
        await pilot.pause(0.3)
        shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "Mock interview: 1 of 1 (100%)" in shown
        assert "nothing from this interview — every item was right" in shown
        assert "no trend yet" in shown and "steady" not in shown
