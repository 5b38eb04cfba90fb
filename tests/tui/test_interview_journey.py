"""A whole mock interview as a learner takes it in the app: `i` on the home screen, the length asked
first, every question type one after another (some right, some wrong), a coding item passed with the
reference copied into its file and another moved past, then the report — checked against the store
and against a tally the test keeps itself."""

from functools import partial

from quizprep.progress import ProgressStore
from quizprep.progress.interviews import history
from quizprep.tui.screens.interview import InterviewScreen
from quizprep.tui.screens.interview_length import InterviewLengthScreen
from quizprep.tui.screens.interview_report import InterviewReportScreen

from .test_interview_screen import FakeClock, answer
from .test_screens import wait_for

ALL_TYPES = {"single", "multiple", "true_false", "numeric", "short", "order", "explain"}


async def test_a_full_mock_interview_from_the_home_screen_to_the_report(app, monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(app.services, "new_interview", partial(app.services.new_interview, seed=21, clock=clock))
    tally = {"right": 0, "answers": []}
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, InterviewLengthScreen)
        await pilot.press("enter")  # the default, 45 minutes: room for every demo question and two exercises
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
        screen = app.screen
        session = screen.session
        assert session.minutes == 45
        kinds = [i.kind if i.kind == "exercise" else i.item.question.type for i in session.items]
        assert set(kinds) - {"exercise"} == ALL_TYPES and kinds.count("exercise") == 2
        exercises_seen = 0
        for k, entry in enumerate(session.items):
            assert session.current is entry
            clock.now += 45
            if entry.kind == "question":
                right = k % 3 != 1  # two right, one wrong, and so on
                qid = entry.item.question.id
                before = len(session.results)
                await answer(pilot, screen, right)
                await wait_for(pilot, lambda n=before: len(session.results) > n and screen.ready, timeout=5)
                tally["answers"].append((qid, int(right)))
                tally["right"] += right
            else:
                await wait_for(pilot, lambda e=entry: screen.exercise_path is not None and screen.exercise_path.stem == e.exercise and screen.ready)
                assert "ctrl+g" in screen.active_bindings
                if exercises_seen == 0:
                    reference = app.services.exercise(entry.exercise).solution
                    screen.exercise_path.write_text(reference.read_text())
                    await pilot.press("ctrl+g")
                    tally["right"] += 1
                else:
                    await pilot.press("ctrl+n")
                exercises_seen += 1
                await wait_for(pilot, lambda e=entry: session.current is not e, timeout=60)
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewReportScreen), timeout=5)
        await pilot.pause(0.3)
        shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert f"Mock interview: {tally['right']} of {len(session.items)}" in shown
        assert "no trend yet" in shown

    [stored] = history(ProgressStore())
    report = stored["report"]
    assert stored["status"] == "finished" and report["status"] == "finished"
    assert (stored["right"], stored["total"], stored["seed"], stored["minutes"]) == (tally["right"], len(kinds), 21, 45)
    assert report["timed_out"] is False and all(item["answered"] or item["kind"] == "exercise" for item in report["items"])
    assert [i["status"] for i in report["items"] if i["kind"] == "exercise"] == ["pass", "skipped"]
    assert [i["seconds"] for i in report["items"]] == [45.0] * len(kinds)  # the fake clock's step per item
    assert sum(b for _, b in report["by_topic"].values()) == len(kinds)
    explain = next(i for i in report["items"] if i["qtype"] == "explain")
    assert explain["given"] == "stacked layers merge" and explain["model_answer"]
    store = ProgressStore()
    recorded = [tuple(r) for r in store.db.execute("SELECT question_id, correct, mode FROM answers ORDER BY id")]
    assert recorded == [(qid, right, "interview") for qid, right in tally["answers"]]
    scheduled = {r[0] for r in store.db.execute("SELECT ref FROM cards WHERE kind = 'question'")}
    assert scheduled == {qid for qid, _ in tally["answers"]}
