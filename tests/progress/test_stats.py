"""Statistics on a fixture history, checked against counts made independently in the test."""

from datetime import UTC, datetime, timedelta

from quizprep.progress import ProgressStore
from quizprep.progress.reviews import record_answer, record_exercise_grade
from quizprep.progress.stats import compute_stats, weakest_topics

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
QUESTIONS = [("a1", "alpha"), ("a2", "alpha"), ("a3", "alpha"), ("b1", "beta"), ("b2", "beta")]
# (days ago, question, correct)
HISTORY = [(20, "a1", True), (20, "a2", False), (10, "a1", True), (3, "a2", True), (2, "b1", False),
           (1, "b1", False), (0, "a1", True), (0, "gone", True)]
GRADES = [(5, "relu_grad", "fail"), (5, "relu_grad", "fail"), (4, "relu_grad", "pass"), (1, "adam", "fail")]


def build(tmp_path):
    clock = [NOW]
    store = ProgressStore(tmp_path / "progress.db", clock=lambda: clock[0], backups=False)
    topic = dict(QUESTIONS) | {"gone": "alpha"}
    for days, qid, correct in HISTORY:
        at = NOW - timedelta(days=days)
        record_answer(store, question_id=qid, topic=topic[qid], qtype="single", correct=correct, score=float(correct), seconds=30, at=at)
    for days, eid, status in GRADES:
        record_exercise_grade(store, eid, status, 9 if status == "pass" else 2, 9, 0.3, at=NOW - timedelta(days=days))
    return store


def test_topic_figures_match_an_independent_count(tmp_path):
    stats = compute_stats(build(tmp_path), QUESTIONS, ["relu_grad", "adam", "linear"], now=NOW)
    by = {t.topic: t for t in stats.topics}
    counted = [(d, q, c) for d, q, c in HISTORY if q != "gone"]  # a removed question is not counted
    for topic in ("alpha", "beta"):
        mine = [(d, q, c) for d, q, c in counted if dict(QUESTIONS)[q] == topic]
        recent = [c for d, q, c in mine if d <= 7]
        t = by[topic]
        assert t.total == sum(1 for _, tp in QUESTIONS if tp == topic)
        assert t.seen == len({q for _, q, _ in mine})
        assert t.answers == len(mine)
        assert t.accuracy == round(sum(c for *_, c in mine) / len(mine), 4)
        assert t.recent_answers == len(recent)
        assert t.recent_accuracy == round(sum(recent) / len(recent), 4)
    assert stats.answers_total == len(counted)
    assert by["beta"].due == 1  # b1 was last answered wrong a day ago: due again after a 10-minute relearning step


def test_exercise_figures(tmp_path):
    stats = compute_stats(build(tmp_path), QUESTIONS, ["relu_grad", "adam", "linear"], now=NOW)
    ex = {e.exercise: e for e in stats.exercises}
    assert (ex["relu_grad"].attempts, ex["relu_grad"].passed, ex["relu_grad"].attempts_to_first_pass, ex["relu_grad"].last_status) == (3, True, 3, "pass")
    assert (ex["adam"].attempts, ex["adam"].passed, ex["adam"].attempts_to_first_pass) == (1, False, None)
    assert ex["linear"].attempts == 0 and ex["linear"].last_status is None
    assert (stats.exercises_passed, stats.exercises_attempted, stats.exercises_total) == (1, 2, 3)


def test_streak_and_answers_per_day(tmp_path):
    stats = compute_stats(build(tmp_path), QUESTIONS, ["relu_grad"], now=NOW)
    days_with_activity = {(NOW - timedelta(days=d)).astimezone() for d, *_ in HISTORY} | {(NOW - timedelta(days=d)).astimezone() for d, *_ in GRADES}
    # study days are local dates shifted by the 4 am rollover; activity at noon UTC 0..5 days ago is consecutive
    assert stats.studied_today
    assert stats.streak_days == 6  # days 0,1,2,3,4,5 (grades on days 4 and 5 count as study days)
    assert len(days_with_activity) == 8
    assert sum(stats.answers_per_day.values()) == len([h for h in HISTORY if h[1] != "gone"])
    assert len(stats.answers_per_day) == 7 * 12


def test_weakest_topics_name_their_reasons(tmp_path):
    stats = compute_stats(build(tmp_path), QUESTIONS, [], now=NOW)
    assert stats.weakest[0].topic == "beta"  # two wrong answers out of two, and due
    assert "accuracy 0% over 2 answers" in stats.weakest[0].reason and "1 due now" in stats.weakest[0].reason


def test_empty_history_is_friendly(tmp_path):
    stats = compute_stats(ProgressStore(tmp_path / "p.db", backups=False), QUESTIONS, ["relu_grad"], now=NOW)
    assert stats.streak_days == 0 and not stats.studied_today and stats.answers_total == 0
    assert [w.reason for w in stats.weakest] == ["not studied yet", "not studied yet"]


def test_accuracy_per_week(tmp_path):
    stats = compute_stats(build(tmp_path), QUESTIONS, [], now=NOW)
    weeks = list(stats.accuracy_per_week)
    assert len(weeks) == 12
    # the last week holds days 0..6 ago (NOW's study day is the last of 84): answers from days 0-3 ago
    last = [c for d, q, c in HISTORY if q != "gone" and d <= 6]
    assert stats.accuracy_per_week[weeks[-1]] == round(sum(last) / len(last), 4)
    assert stats.accuracy_per_week[weeks[0]] is None


def test_mastery_counts_only_graduated_cards_above_the_target(tmp_path):
    clock = [NOW]
    store = ProgressStore(tmp_path / "m.db", clock=lambda: clock[0], backups=False)
    record_answer(store, question_id="a1", topic="alpha", qtype="single", correct=False, score=0.0, seconds=30)  # relearning
    record_answer(store, question_id="a2", topic="alpha", qtype="single", correct=True, score=1.0, seconds=30)   # learning step
    clock[0] = NOW + timedelta(minutes=10)
    record_answer(store, question_id="a2", topic="alpha", qtype="single", correct=True, score=1.0, seconds=30)   # graduates
    stats = compute_stats(store, QUESTIONS, [], now=clock[0] + timedelta(hours=1))
    assert {t.topic: t.mastery for t in stats.topics}["alpha"] == round(1 / 3, 4)  # a2 only, of the 3 alpha questions


def test_a_passed_exercise_and_an_interview_answer_count_as_study_of_their_topics(tmp_path):
    store = ProgressStore(tmp_path / "x.db", clock=lambda: NOW, backups=False)
    questions = QUESTIONS + [("c1", "autodiff"), ("c2", "autodiff"), ("d1", "delta")]
    record_exercise_grade(store, "autograd", "fail", 3, 9, 0.3, at=NOW - timedelta(hours=2))
    record_exercise_grade(store, "autograd", "pass", 9, 9, 0.3, at=NOW - timedelta(hours=1))
    record_answer(store, question_id="b1", topic="beta", qtype="explain", correct=True, score=1.0, seconds=90, mode="interview",
                  at=NOW - timedelta(minutes=30))
    exercises = {"autograd": "autodiff", "relu_grad": "alpha", "softmax": "delta"}
    stats = compute_stats(store, questions, list(exercises), now=NOW, exercise_topics=exercises)
    by = {t.topic: t for t in stats.topics}
    assert (by["autodiff"].exercises, by["autodiff"].exercises_passed) == (1, 1)
    assert (by["delta"].exercises, by["delta"].exercises_passed) == (1, 0)
    assert by["beta"].answers == 1 and by["beta"].seen == 1            # an interview answer is an answer
    ranked = weakest_topics(stats.topics, n=len(stats.topics))
    reasons = {w.topic: w.reason for w in ranked}
    assert reasons["autodiff"] == "no questions answered yet (2 to learn); 1 of 1 exercise passed"
    assert reasons["delta"] == "not studied yet"
    assert "not studied yet" not in reasons["beta"]
    order = [w.topic for w in ranked]
    assert order.index("delta") < order.index("autodiff")           # the untouched topic is the weaker one


def test_stats_after_a_passed_autograd_does_not_call_autodiff_unstudied(capsys):
    import json

    from quizprep.cli import main

    store = ProgressStore(backups=False)
    record_exercise_grade(store, "autograd", "pass", 9, 9, 0.3)   # autograd's topic in the catalogue is autodiff
    store.close()
    assert main(["stats"]) == 0
    assert "autodiff — not studied yet" not in capsys.readouterr().out
    assert main(["stats", "--json"]) == 0
    topics = {t["topic"]: t for t in json.loads(capsys.readouterr().out)["topics"]}
    assert topics["autodiff"]["exercises_passed"] == 1
