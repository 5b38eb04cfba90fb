"""Snapshots of the main screens at 80x24, with a fixed clock, home folder and seed.

Update after a reviewed change with `pytest tests/tui/test_snapshots.py --snapshot-update`, and look
at every changed SVG before committing it.
"""

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizprep.progress import ProgressStore
from quizprep.progress.reviews import record_answer, record_exercise_grade
from quizprep.tui.app import QuizprepApp

from .conftest import BANK, FIXTURE_EXERCISES, fixture_services, workers_done

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
HOME = Path("/tmp/quizprep-snapshot-home")  # fixed, because the exercise screen shows the file's path
SIZE = (80, 24)


@pytest.fixture
def snapshot_app(monkeypatch):
    shutil.rmtree(HOME, ignore_errors=True)
    HOME.mkdir(parents=True)
    (HOME / "banks").mkdir()
    (HOME / "banks" / "demo.yaml").write_text(BANK)
    monkeypatch.setenv("QUIZPREP_HOME", str(HOME))
    monkeypatch.setenv("TZ", "UTC")
    return QuizprepApp(fixture_services([HOME / "banks"], clock=lambda: NOW), animate=False)


def history() -> None:
    store = ProgressStore(clock=lambda: NOW)
    for days, qid, correct in [(0, "d-single", True), (0, "d-tf", False), (1, "d-numeric", True), (3, "d-short", True),
                               (8, "d-order", False), (8, "d-single", True), (20, "d-explain", True)]:
        record_answer(store, question_id=qid, topic="demo", qtype="single", correct=correct, score=float(correct), seconds=20,
                      at=NOW - timedelta(days=days, hours=1))
    record_exercise_grade(store, "relu_grad", "fail", 8, 9, 0.2, at=NOW - timedelta(days=2))
    record_exercise_grade(store, "relu_grad", "pass", 9, 9, 0.2, at=NOW - timedelta(days=2))
    store.close()
    (HOME / "workspace").mkdir(exist_ok=True)  # the copy that passed: the stub there would read "passed, reset"
    shutil.copyfile(FIXTURE_EXERCISES / "relu_grad" / "solution.py", HOME / "workspace" / "relu_grad.py")


async def settle(pilot) -> None:
    """Until no worker runs (see workers_done), then a moment more for the last paint."""
    await pilot.pause(0.3)
    await workers_done(pilot.app)
    await pilot.pause(0.2)


def test_home_first_run(snap_compare, snapshot_app):
    assert snap_compare(snapshot_app, terminal_size=SIZE, run_before=settle)


def test_home_with_history(snap_compare, snapshot_app):
    history()
    assert snap_compare(snapshot_app, terminal_size=SIZE, run_before=settle)


def test_quiz_question_and_feedback(snap_compare, snapshot_app):
    async def run_before(pilot):
        app = pilot.app
        app.start_quiz([app.services.catalog.question("d-single")], seed=3, title="Demo")
        await settle(pilot)
        shown = [c.text for c in app.screen.session.current.choices]
        await pilot.press(str(shown.index("3") + 1), "enter")
        await settle(pilot)

    assert snap_compare(snapshot_app, terminal_size=SIZE, run_before=run_before)


def test_quiz_order_question(snap_compare, snapshot_app):
    async def run_before(pilot):
        app = pilot.app
        app.start_quiz([app.services.catalog.question("d-order")], seed=3, title="Demo")
        await settle(pilot)

    assert snap_compare(snapshot_app, terminal_size=SIZE, run_before=run_before)


def test_exercises_list(snap_compare, snapshot_app):
    history()

    async def run_before(pilot):
        pilot.app.action_exercises()
        await settle(pilot)

    assert snap_compare(snapshot_app, terminal_size=SIZE, run_before=run_before)


def test_progress(snap_compare, snapshot_app):
    history()

    async def run_before(pilot):
        pilot.app.action_progress()
        await settle(pilot)

    assert snap_compare(snapshot_app, terminal_size=SIZE, run_before=run_before)


def test_home_with_an_interview_date(snap_compare, snapshot_app):
    history()
    ProgressStore(clock=lambda: NOW).set_interview_date((NOW + timedelta(days=10)).date())
    assert snap_compare(snapshot_app, terminal_size=SIZE, run_before=settle)


def test_mock_interview_question(snap_compare, snapshot_app):
    async def run_before(pilot):
        app = pilot.app
        session = app.services.new_interview(20, seed=4, clock=lambda: 5000.0)
        app.start_interview(session)
        await settle(pilot)

    assert snap_compare(snapshot_app, terminal_size=SIZE, run_before=run_before)


def test_progress_with_an_interview_date(snap_compare, snapshot_app):
    history()
    ProgressStore(clock=lambda: NOW).set_interview_date((NOW + timedelta(days=10)).date())

    async def run_before(pilot):
        pilot.app.action_progress()
        await settle(pilot)

    assert snap_compare(snapshot_app, terminal_size=SIZE, run_before=run_before)


def workbench(size):
    """The exercise workbench with a wrong solution typed in and graded: the named mistake in the grade panel."""
    async def run_before(pilot):
        app = pilot.app
        app.action_open_exercise("relu_grad")
        await settle(pilot)
        screen = app.screen
        row = screen.editor.text.splitlines().index("    raise NotImplementedError")
        await pilot.press(*["down"] * row, "end", "shift+home", *"return (x >= 0).astype(np.float64)")
        await pilot.press("ctrl+s")
        while "checking" in str(screen.query_one("#grade-line").render()):
            await pilot.pause(0.1)
        await settle(pilot)

    return run_before


def fixed_grade_time(monkeypatch) -> None:
    """The grade panel shows how long the grade took: fixed, so the picture does not change with the machine's load."""
    import dataclasses

    from quizprep.grading.warm_client import WarmGrader

    grade = WarmGrader.grade
    monkeypatch.setattr(WarmGrader, "grade", lambda self, file: dataclasses.replace(grade(self, file), duration_s=0.05))


def test_exercise_workbench_80x24(snap_compare, snapshot_app, monkeypatch):
    fixed_grade_time(monkeypatch)
    assert snap_compare(snapshot_app, terminal_size=SIZE, run_before=workbench(SIZE))


def test_exercise_workbench_140x40(snap_compare, snapshot_app, monkeypatch):
    fixed_grade_time(monkeypatch)
    assert snap_compare(snapshot_app, terminal_size=(140, 40), run_before=workbench((140, 40)))


def light(run_before):
    """The same steps in the light theme (the editor's highlighting follows it)."""
    async def run(pilot):
        pilot.app.theme = "textual-light"
        await run_before(pilot)

    return run


def test_exercise_workbench_80x24_light(snap_compare, snapshot_app, monkeypatch):
    fixed_grade_time(monkeypatch)
    assert snap_compare(snapshot_app, terminal_size=SIZE, run_before=light(workbench(SIZE)))


def test_exercise_workbench_140x40_light(snap_compare, snapshot_app, monkeypatch):
    fixed_grade_time(monkeypatch)
    assert snap_compare(snapshot_app, terminal_size=(140, 40), run_before=light(workbench((140, 40))))


def ran(size):
    """The workbench with the right solution typed in and run (ctrl+r): what its __main__ block printed."""
    async def run_before(pilot):
        import dataclasses

        app = pilot.app
        run = app.services.run_exercise
        app.services.run_exercise = lambda *a, **k: dataclasses.replace(run(*a, **k), seconds=0.05)  # the time, fixed
        app.action_open_exercise("relu_grad")
        await settle(pilot)
        screen = app.screen
        row = screen.editor.text.splitlines().index("    raise NotImplementedError")
        await pilot.press(*["down"] * row, "end", "shift+home", *"return (x > 0).astype(np.float64)", "ctrl+r")
        while "running" in str(screen.query_one("#grade-line").render()):
            await pilot.pause(0.1)
        await settle(pilot)

    return run_before


def test_exercise_workbench_run_80x24(snap_compare, snapshot_app):
    assert snap_compare(snapshot_app, terminal_size=SIZE, run_before=ran(SIZE))


def test_exercise_workbench_run_80x24_light(snap_compare, snapshot_app):
    assert snap_compare(snapshot_app, terminal_size=SIZE, run_before=light(ran(SIZE)))


def test_exercise_workbench_run_140x40(snap_compare, snapshot_app):
    assert snap_compare(snapshot_app, terminal_size=(140, 40), run_before=ran((140, 40)))


def test_exercise_workbench_run_140x40_light(snap_compare, snapshot_app):
    assert snap_compare(snapshot_app, terminal_size=(140, 40), run_before=light(ran((140, 40))))
