"""Stored mock interviews: kept as they happen, unfinished until the end, never kept before the first
answer, answers recorded and scheduled like quiz answers, and a trend only once there is one."""

import json
import signal
import subprocess
import sys
import time

from quizprep.bank import Choice, Question
from quizprep.progress import ProgressStore, ReadOnlyStore
from quizprep.progress.interviews import InterviewRecorder, history, save_report, trend
from quizprep.quiz.interview import MAX_SEED, InterviewItem, InterviewSession
from quizprep.quiz.session import QuizSession


def single(qid, topic="t"):
    return Question(id=qid, topic=topic, type="single", difficulty=1, prompt="p", explanation="e",
                    choices=(Choice("right", True), Choice("wrong", False, "no")))


def session_of(questions, exercises=(), minutes=30, clock=None):
    items = [InterviewItem("question", item=i) for i in QuizSession(questions, seed=1).items]
    items += [InterviewItem("exercise", exercise=e, title=e) for e in exercises]
    return InterviewSession(items, minutes, seed=3, clock=clock or (lambda: 0.0), wall_clock=lambda: 1_700_000_000.0)


def pick(session, text):
    return [c.text for c in session.current.item.choices].index(text)


def answers(store):
    return [tuple(r) for r in store.db.execute("SELECT question_id, correct, mode FROM answers ORDER BY id")]


def test_kept_from_the_first_answer_as_unfinished_then_finished_in_the_same_row():
    store = ProgressStore()
    session = session_of([single("a"), single("b"), single("c")])
    recorder = InterviewRecorder(store, session)
    recorder.item_done()
    assert history(store) == []  # nothing answered yet: nothing kept
    session.answer(pick(session, "right"))
    recorder.item_done()
    [first] = history(store)
    assert first["status"] == "unfinished" and (first["right"], first["total"]) == (1, 3)
    session.answer(pick(session, "wrong"))
    recorder.item_done()
    [second] = history(store)
    assert second["status"] == "unfinished" and [i["answered"] for i in second["report"]["items"]] == [True, True, False]
    report = recorder.finish()
    [done] = history(store)
    assert done["status"] == "finished" and report.status == "finished" and (done["right"], done["total"]) == (1, 3)
    assert store.db.execute("SELECT COUNT(*) FROM interviews").fetchone()[0] == 1
    assert answers(store) == [("a", 1, "interview"), ("b", 0, "interview")]


def test_interview_answers_move_their_cards_like_quiz_answers():
    from quizprep.progress.reviews import record_answer

    store = ProgressStore()
    session = session_of([single("a")])
    recorder = InterviewRecorder(store, session)
    session.answer(pick(session, "right"))
    recorder.item_done()
    card = store.db.execute("SELECT data, due FROM cards WHERE key = 'q:a'").fetchone()
    # the same answer recorded by the quiz path at the same moment gives the same card
    twin = ProgressStore(store.path.with_name("twin.db"), clock=store.clock, backups=False)
    seconds = session.results[0].seconds
    record_answer(twin, question_id="a2", topic="t", qtype="single", correct=True, score=1.0, seconds=seconds, mode="quiz")
    twin_card = twin.db.execute("SELECT data FROM cards WHERE key = 'q:a2'").fetchone()
    assert card is not None
    mine, theirs = json.loads(card["data"]), json.loads(twin_card["data"])
    assert mine["state"] == theirs["state"] and mine["stability"] == theirs["stability"]


def test_a_skipped_exercise_alone_does_not_keep_an_interview():
    store = ProgressStore()
    session = session_of([single("a")], exercises=["relu_grad"])
    session.items.reverse()  # the exercise first
    recorder = InterviewRecorder(store, session)
    session.record_exercise("skipped")
    recorder.item_done()
    assert recorder.finish() is None and history(store) == []


def test_history_marks_unfinished_and_old_reports_count_as_finished():
    store = ProgressStore()
    old = {"started_at": 1_700_000_000, "minutes": 45, "seed": 1, "score": 0.5, "right": 5, "total": 10, "items": [],
           "by_topic": {}, "work_on": []}
    save_report(store, old)  # written before interviews had a status
    save_report(store, {**old, "started_at": 1_700_000_100, "status": "unfinished"})
    assert [h["status"] for h in history(store)] == ["finished", "unfinished"]
    assert [h["status"] for h in history(store, unfinished=False)] == ["finished"]


def test_the_largest_seed_is_stored():
    store = ProgressStore()
    session = session_of([single("a")])
    session.seed = MAX_SEED
    recorder = InterviewRecorder(store, session)
    session.answer(pick(session, "right"))
    recorder.finish()
    assert history(store)[0]["seed"] == MAX_SEED == 2**63 - 1


def test_a_read_only_store_loses_the_interview_quietly_through_the_write_wrapper():
    store = ProgressStore()
    store.read_only = True
    said = []

    def write(fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ReadOnlyStore as err:
            said.append(str(err))
            return None

    session = session_of([single("a")])
    recorder = InterviewRecorder(store, session, write=write)
    session.answer(pick(session, "right"))
    report = recorder.finish()
    assert report is not None and report.right == 1 and said  # the report is still there to show
    store.read_only = False
    assert history(store) == []


def test_trend_needs_two_scores():
    assert trend([]) == trend([0.9]) == "none yet"
    assert trend([0.4, 0.8]) == "up" and trend([0.8, 0.4]) == "down" and trend([0.5, 0.52]) == "steady"


KILLED = """
import sys, time
from quizprep.bank import Choice, Question
from quizprep.progress import ProgressStore
from quizprep.progress.interviews import InterviewRecorder
from quizprep.quiz.interview import InterviewItem, InterviewSession
from quizprep.quiz.session import QuizSession
qs = [Question(id=f"q{i}", topic="t", type="true_false", difficulty=1, prompt="p", explanation="e", answer=True) for i in range(5)]
session = InterviewSession([InterviewItem("question", item=i) for i in QuizSession(qs, seed=1).items], 30)
recorder = InterviewRecorder(ProgressStore(sys.argv[1], backups=False), session)
for _ in range(2):
    session.answer(True)
    recorder.item_done()
print("answered", flush=True)
time.sleep(60)
"""


def test_a_killed_process_leaves_the_interview_unfinished_with_its_answers(tmp_path):
    db = tmp_path / "progress.db"
    proc = subprocess.Popen([sys.executable, "-c", KILLED, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "answered"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    time.sleep(0.05)
    store = ProgressStore(db, backups=False)
    [kept] = history(store)
    assert kept["status"] == "unfinished" and kept["right"] == 2 and kept["total"] == 5
    assert answers(store) == [("q0", 1, "interview"), ("q1", 1, "interview")]


def test_a_seed_the_store_cannot_hold_is_refused_before_the_interview_starts():
    import pytest

    for seed in (MAX_SEED + 1, 99999999999999999999999, -1):
        with pytest.raises(ValueError, match="a seed is a whole number from 0 to"):
            InterviewSession([], 30, seed=seed)


CODE = '"""The contract: implement f."""\n\nimport numpy as np\n\n\ndef f(x):\n    return np.maximum(x, 0)\n'


def test_the_code_of_a_coding_item_is_stored_with_the_report_and_travels_in_an_export(tmp_path):
    from quizprep.progress.transfer import export_progress, import_progress

    store = ProgressStore()
    session = session_of([single("a")], exercises=["relu_grad"])
    recorder = InterviewRecorder(store, session, {"relu_grad": "activations"})
    session.answer(pick(session, "right"))
    recorder.item_done()
    session.record_exercise("fail", "activations", code=CODE)
    report = recorder.finish()
    assert report.items[1].code == CODE and report.items[1].status == "fail"
    [stored] = history(store)
    assert stored["report"]["items"][1]["code"] == CODE
    elsewhere = ProgressStore(tmp_path / "other.db", backups=False)
    assert import_progress(elsewhere, export_progress(store))["interviews"] == 1
    [moved] = history(elsewhere)
    assert moved["report"]["items"][1]["code"] == CODE


def test_time_running_out_during_a_coding_item_keeps_its_code_and_latest_grade():
    now = [0.0]
    session = session_of([single("a")], exercises=["relu_grad", "softmax"], minutes=20, clock=lambda: now[0])
    session.answer(pick(session, "right"))
    now[0] += 60
    session.keep_draft("def f(): pass\n", "")  # typed, not graded yet
    now[0] += 60
    session.keep_draft("def f(): return 1\n", "fail")  # graded: it failed
    now[0] += 20 * 60  # time is up before the learner moves on
    assert session.current is None
    report = session.report({"relu_grad": "activations"})
    coding, untouched = report.items[1], report.items[2]
    assert (coding.code, coding.status, coding.answered, coding.correct) == ("def f(): return 1\n", "fail", True, False)
    assert coding.seconds == 20 * 60 and coding.topic == "activations"  # from its start to the end of the interview
    assert (untouched.code, untouched.status, untouched.answered) == ("", "not reached", False)


def test_a_draft_never_graded_is_kept_as_not_graded_and_recording_the_item_drops_it():
    session = session_of([], exercises=["relu_grad", "softmax"])
    session.keep_draft("x = 1\n")
    assert session.report(finished=False).items[0].status == "not graded"
    session.record_exercise("skipped", code="x = 1\n")
    assert session.draft is None
    report = session.report()
    assert [(r.status, r.code) for r in report.items] == [("skipped", "x = 1\n"), ("not reached", "")]


def test_a_stored_report_reads_back_whatever_quizprep_wrote_it():
    from quizprep.quiz.interview import Report

    session = session_of([single("a")], exercises=["relu_grad"])
    session.answer(pick(session, "right"))
    session.record_exercise("pass", "activations", code=CODE)
    report = session.report()
    assert Report.from_dict(json.loads(json.dumps(report.to_dict()))) == report  # tuples came back from JSON lists
    old = {"started_at": 1.0, "minutes": 30, "seed": 1, "score": 0.5, "right": 1, "total": 2, "by_topic": {"t": [1, 2]},
           "items": [{"label": "a", "kind": "question", "topic": "t", "correct": True, "answered": True, "seconds": 3.0},
                     {"label": "e", "kind": "exercise", "topic": "", "correct": False, "answered": True, "seconds": 9.0,
                      "status": "fail", "from_a_newer_quizprep": 1}],
           "work_on": ["e"]}
    back = Report.from_dict(old)
    assert back.status == "finished" and back.by_topic == {"t": (1, 2)} and back.items[1].code == "" and back.items[1].status == "fail"


def test_the_code_shown_leaves_out_the_contract_docstring_and_keeps_the_file_line_numbers():
    from quizprep.quiz.interview import code_to_show

    start, shown = code_to_show(CODE)
    assert start == 3 and shown.splitlines()[0] == "import numpy as np"
    assert CODE.splitlines()[start - 1 + 4] == shown.splitlines()[4] == "    return np.maximum(x, 0)"
    assert code_to_show("def f(:\n") == (1, "def f(:\n")  # cannot be parsed: shown whole
    assert code_to_show("x = 1\n") == (1, "x = 1\n")
