"""Readiness on the interview day, against retrievability computed here from the stored cards with
FSRS's formula R = (1 + factor * t / S) ** decay and the library's own constants."""

import json
import math
from datetime import date, datetime, time, timedelta

from fsrs import Card, Rating, Scheduler
from fsrs.scheduler import DEFAULT_PARAMETERS

from quizprep.progress import ProgressStore
from quizprep.progress.readiness import readiness
from quizprep.progress.reviews import record_answer, record_exercise_grade

NOW = datetime(2026, 12, 1, 12).astimezone()
TODAY = date(2026, 12, 1)
INTERVIEW = TODAY + timedelta(days=10)
AT = datetime.combine(INTERVIEW, time(12)).astimezone()  # noon on the interview day
QUESTIONS = [("a1", "alpha"), ("a2", "alpha"), ("a3", "alpha"), ("b1", "beta"), ("b2", "beta")]

DECAY = -DEFAULT_PARAMETERS[20]
FACTOR = 0.9 ** (1 / DECAY) - 1


def recall(stability: float, last_review: datetime, at: datetime = AT) -> float:
    """Retrievability after whole days elapsed (the library counts whole days)."""
    t = max((at - last_review).days, 0)
    return (1 + FACTOR * t / stability) ** DECAY


def recall_of_stored(store, ref: str) -> float:
    row = store.db.execute("SELECT data FROM cards WHERE ref = ?", (ref,)).fetchone()
    if row is None:
        return 0.0
    data = json.loads(row["data"])
    return recall(float(data["stability"]), datetime.fromisoformat(data["last_review"]))


def answer(store, qid, correct, at):
    topic = dict(QUESTIONS)[qid]
    record_answer(store, question_id=qid, topic=topic, qtype="single", correct=correct, score=1.0 if correct else 0.0,
                  seconds=None, at=at)


def studied_store(tmp_path):
    store = ProgressStore(tmp_path / "p.db", clock=lambda: NOW, backups=False)
    store.set_interview_date(INTERVIEW)
    answer(store, "a1", True, NOW - timedelta(days=5))
    answer(store, "a1", True, NOW - timedelta(days=5) + timedelta(hours=1))
    answer(store, "a2", False, NOW - timedelta(days=2))
    answer(store, "a3", True, NOW - timedelta(hours=1))
    answer(store, "b1", True, NOW - timedelta(days=1))
    answer(store, "b1", True, NOW - timedelta(days=1) + timedelta(minutes=20))
    record_answer(store, question_id="b1", topic="beta", qtype="single", correct=True, score=1.0, mode="practice",
                  at=NOW - timedelta(minutes=5))  # practice moves no card, and so changes no readiness
    record_exercise_grade(store, "ex_pass", "pass", 3, 3, 0.1, at=NOW - timedelta(days=3))
    record_exercise_grade(store, "ex_fail", "fail", 1, 3, 0.1, at=NOW - timedelta(days=1))
    return store


def test_topic_and_overall_readiness_are_means_of_each_question_recall_on_the_day(tmp_path):
    store = studied_store(tmp_path)
    got = readiness(store, QUESTIONS, ["ex_pass", "ex_fail", "ex_new"], now=NOW)
    r = {qid: recall_of_stored(store, qid) for qid, _ in QUESTIONS}
    assert r["b2"] == 0.0 and all(0 < r[q] < 1 for q in ("a1", "a2", "a3", "b1"))
    assert got.interview == INTERVIEW and got.at == AT
    assert math.isclose(got.topics["alpha"], (r["a1"] + r["a2"] + r["a3"]) / 3, abs_tol=1e-4)
    assert math.isclose(got.topics["beta"], (r["b1"] + 0.0) / 2, abs_tol=1e-4)
    # weighted per question: the mean of the five, not the mean of the two topic means
    per_question = sum(r.values()) / 5
    assert math.isclose(got.overall, per_question, abs_tol=1e-4)
    assert not math.isclose(per_question, (got.topics["alpha"] + got.topics["beta"]) / 2, abs_tol=1e-3)
    assert got.weakest(1)[0][0] == min(got.topics, key=got.topics.get)


def test_exercises_say_passed_and_how_long_ago(tmp_path):
    store = studied_store(tmp_path)
    got = readiness(store, QUESTIONS, ["ex_pass", "ex_fail", "ex_new"], now=NOW).exercises
    assert got["ex_pass"].passed and got["ex_pass"].days_since_pass == 3 and got["ex_pass"].last_pass == "2026-11-28"
    assert math.isclose(got["ex_pass"].recall, recall_of_stored(store, "ex_pass"), abs_tol=1e-4) and got["ex_pass"].recall > 0
    for eid in ("ex_fail", "ex_new"):
        assert not got[eid].passed and got[eid].days_since_pass is None and got[eid].recall == 0.0


def test_history_rebuilds_each_day_from_the_stored_answers(tmp_path):
    store = studied_store(tmp_path)
    got = readiness(store, QUESTIONS, [], now=NOW)
    assert list(got.history) == [(TODAY - timedelta(days=5 - i)).isoformat() for i in range(6)]
    # the first day: only a1, after its two answers (FSRS run here, recall by the formula)
    fsrs = Scheduler(desired_retention=0.9, enable_fuzzing=False)
    card = Card(card_id=1, due=NOW - timedelta(days=5))
    card, _ = fsrs.review_card(card, Rating.Good, NOW - timedelta(days=5))
    card, _ = fsrs.review_card(card, Rating.Good, NOW - timedelta(days=5) + timedelta(hours=1))
    first = recall(card.stability, card.last_review)
    assert math.isclose(got.history["2026-11-26"], first / 5, abs_tol=1e-4)
    assert got.history["2026-11-27"] == got.history["2026-11-26"]  # nothing answered that day
    wrong = Card(card_id=2, due=NOW - timedelta(days=2))
    wrong, _ = fsrs.review_card(wrong, Rating.Again, NOW - timedelta(days=2))
    assert math.isclose(got.history["2026-11-29"], (first + recall(wrong.stability, wrong.last_review)) / 5, abs_tol=1e-4)
    assert got.history[TODAY.isoformat()] == got.overall


def test_projection_runs_to_the_day_before_the_interview_and_rises_if_the_plan_is_followed(tmp_path):
    store = studied_store(tmp_path)
    got = readiness(store, QUESTIONS, [], now=NOW)
    assert list(got.projected) == [(TODAY + timedelta(days=i)).isoformat() for i in range(10)]
    assert all(0.0 <= p <= 1.0 for p in got.projected.values())
    # every question learned and reviewed right in the final week: far above stopping now
    assert got.projected_overall > got.overall + 0.2
    assert got.projected_overall > 0.8
    assert got.projected["2026-12-01"] <= got.projected_overall


def test_every_probability_is_in_the_unit_interval_and_the_dict_is_json(tmp_path):
    store = studied_store(tmp_path)
    out = readiness(store, QUESTIONS, ["ex_pass"], now=NOW).to_dict()
    json.dumps(out)
    assert out["interview"] == "2026-12-11"
    probabilities = [out["overall"], out["projected_overall"], *out["topics"].values(), *out["history"].values(),
                     *out["projected"].values(), *(e["recall"] for e in out["exercises"].values())]
    assert all(0.0 <= p <= 1.0 for p in probabilities)


def test_no_readiness_without_a_date_or_once_it_has_passed(tmp_path):
    store = ProgressStore(tmp_path / "p.db", clock=lambda: NOW, backups=False)
    answer(store, "a1", True, NOW - timedelta(days=1))
    assert readiness(store, QUESTIONS, [], now=NOW) is None
    store.set_interview_date(TODAY - timedelta(days=1))
    assert readiness(store, QUESTIONS, [], now=NOW) is None
    store.set_interview_date(TODAY)  # the day itself: recall now
    today = readiness(store, QUESTIONS, [], now=NOW)
    assert today is not None and today.at == NOW and today.projected == {}
    assert math.isclose(today.overall, _recall_now(store, "a1") / 5, abs_tol=1e-4)


def _recall_now(store, ref):
    data = json.loads(store.db.execute("SELECT data FROM cards WHERE ref = ?", (ref,)).fetchone()["data"])
    return recall(float(data["stability"]), datetime.fromisoformat(data["last_review"]), at=NOW)
