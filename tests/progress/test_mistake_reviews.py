"""Mistakes schedule their concepts: a named mistake puts its concept's questions first in the next review,
and three missed questions of a concept bring its exercise back for re-implementation."""

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from quizprep.cli import main
from quizprep.grading import grade
from quizprep.grading.result import CheckResult, GradeResult
from quizprep.progress.reviews import due_exercises, record_answer
from quizprep.services import Services

SUBMISSIONS = Path(__file__).resolve().parents[1] / "grading" / "submissions"
WRONG_DB_MEAN = SUBMISSIONS / "linear" / "wrong_db_mean.py"  # db divided by the batch size: "db is the mean of d_out"
T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
PASSED = GradeResult("linear", "pass", (CheckResult("all", "pass"),), 0.1)


class Clock:
    def __init__(self):
        self.now = T0

    def __call__(self):
        return self.now

    def tick(self, seconds: float = 60) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def services(clock):
    s = Services(clock=clock)
    yield s
    s.close()


def tagged(services, tag):
    """The questions carrying a tag, read from the banks directly."""
    return [q.id for q in services.catalog.questions if tag in q.tags]


def answer(services, qid, correct, mode="review"):
    q = services.question(qid)
    return record_answer(services.store, question_id=qid, topic=q.topic, qtype=q.type, correct=correct,
                         score=1.0 if correct else 0.0, seconds=20.0, mode=mode)


def named(tag_text):
    return GradeResult("linear", "fail", (CheckResult("db", "fail", "db is wrong", (f"likely mistake: {tag_text}",)),), 0.1)


@pytest.fixture(scope="module")
def graded_db_mean():
    result = grade(Services().exercise("linear"), WRONG_DB_MEAN)
    assert result.status == "fail"
    return result


def test_a_graded_mistake_puts_exactly_its_concepts_questions_first_in_the_review(services, clock, graded_db_mean):
    waiting = tagged(services, "mean-vs-sum")
    assert len(waiting) >= 2
    before = [q.id for q in services.review_questions(limit=None)]
    assert services.mistake_front() == [] and services.mistake_reasons() == []
    clock.tick()
    services.record_grade("linear", graded_db_mean)
    clock.tick()
    assert sorted(services.mistake_front()) == sorted(waiting)
    queue = [q.id for q in services.review_questions(limit=None)]
    assert sorted(queue[:len(waiting)]) == sorted(waiting)  # at the front, each once
    assert queue[len(waiting):] == [q for q in before if q not in waiting]  # the rest keeps its order
    assert [q.id for q in services.review_questions(limit=2)] == queue[:2]
    assert services.mistake_reasons() == [f"in `linear` you divided by the wrong N: {len(waiting)} questions on mean vs sum are waiting"]
    assert services.mistake_reasons("linear") == services.mistake_reasons() and services.mistake_reasons("adam") == []
    assert services.mistake_reason("linear", graded_db_mean) == services.mistake_reasons()[0]
    assert services.mistake_reason("linear", PASSED) is None


def test_answering_a_waiting_question_lets_it_go_and_practice_does_not(services, clock, graded_db_mean):
    waiting = tagged(services, "mean-vs-sum")
    services.record_grade("linear", graded_db_mean)
    clock.tick()
    answer(services, waiting[0], correct=True, mode="practice")
    assert sorted(services.mistake_front()) == sorted(waiting)
    answer(services, waiting[0], correct=False)  # answered, if wrongly: its own card brings it back
    assert sorted(services.mistake_front()) == sorted(waiting[1:])
    assert f"{len(waiting) - 1} question" in services.mistake_reasons()[0]
    for qid in waiting[1:]:
        clock.tick()
        answer(services, qid, correct=True)
    assert services.mistake_front() == [] and services.mistake_reasons() == []
    clock.tick()
    services.record_grade("linear", graded_db_mean)  # the same mistake again: they all wait again
    assert sorted(services.mistake_front()) == sorted(waiting)


def test_a_pass_or_an_unnamed_failure_schedules_nothing(services):
    services.record_grade("linear", PASSED)
    services.record_grade("linear", GradeResult("linear", "error", (CheckResult("fwd", "error", "forward(x) raised NotImplementedError"),)))
    assert services.mistake_front() == []
    assert services.store.count_events("mistake", "linear") == 0


def test_the_newest_mistake_comes_first(services, clock):
    services.record_grade("linear", named("db is the mean of d_out over the batch"))
    clock.tick()
    services.record_grade("adam", named("the bias correction is missing — divide"))
    front, sums, bias = services.mistake_front(), tagged(services, "mean-vs-sum"), tagged(services, "bias-correction")
    assert sorted(front[:len(bias)]) == sorted(bias)
    assert sorted(front[len(bias):]) == sorted(set(sums) - set(bias))
    lines = services.mistake_reasons()
    assert lines[0].startswith("in `adam` ") and lines[1].startswith("in `linear` ")


def test_three_missed_questions_of_a_concept_bring_its_exercise_forward(services, clock):
    ids = services.exercise_ids
    services.record_grade("linear", PASSED)
    card_due = services.store.db.execute("SELECT due FROM cards WHERE key = 'ex:linear'").fetchone()["due"]
    assert datetime.fromisoformat(card_due) > T0 + timedelta(hours=1)
    sums, other = tagged(services, "mean-vs-sum"), tagged(services, "causal-mask")
    clock.tick()
    answer(services, sums[0], correct=False)
    answer(services, sums[1], correct=True)  # right answers do not count
    answer(services, other[0], correct=False)  # nor misses of another concept
    clock.tick()
    answer(services, sums[1], correct=False)
    services.today()
    assert "linear" not in due_exercises(services.store, ids)  # two misses
    clock.tick()
    answer(services, sums[0], correct=False)  # the same question missed twice counts twice
    services.today()
    assert "linear" in due_exercises(services.store, ids)
    assert services.mistake_reasons()[-1].startswith("3 missed questions on mean vs sum: `linear` is due")
    assert "two_layer_net" not in due_exercises(services.store, ids)  # never passed: nothing to bring back
    clock.tick()
    services.record_grade("linear", PASSED)  # re-implemented: the count starts again
    assert "linear" not in due_exercises(services.store, ids)
    assert not any("`linear` is due" in line for line in services.mistake_reasons())
    clock.tick()
    answer(services, sums[2], correct=False)
    services.today()
    assert "linear" not in due_exercises(services.store, ids)


def test_the_app_s_answers_count_as_they_are_recorded(services, clock):
    services.record_grade("linear", PASSED)
    sums = tagged(services, "mean-vs-sum")
    for qid in sums[:3]:
        clock.tick()
        q = services.question(qid)
        record = SimpleNamespace(item=SimpleNamespace(question=q), verdict=SimpleNamespace(correct=False, score=0.0),
                                 given="?", seconds=10.0)
        services.record_answer(record, "quiz")
    assert "linear" in due_exercises(services.store, services.exercise_ids)


def test_misses_before_the_last_pass_do_not_count(services, clock):
    sums = tagged(services, "mean-vs-sum")
    services.record_grade("linear", PASSED)
    for qid in sums[:3]:
        clock.tick()
        answer(services, qid, correct=False)
    clock.tick()
    services.record_grade("linear", PASSED)  # was due: the pass moves the card on
    services.today()
    assert "linear" not in due_exercises(services.store, services.exercise_ids)


def test_grade_and_review_say_why(capsys, monkeypatch):
    waiting = tagged(Services(), "mean-vs-sum")
    assert main(["grade", "linear", "--file", str(WRONG_DB_MEAN)]) == 1
    out = " ".join(capsys.readouterr().out.split())  # lines wrapped to the terminal read as one
    reason = f"in `linear` you divided by the wrong N: {len(waiting)} questions on mean vs sum are waiting"
    assert reason in out
    assert out.index("likely mistake: db is the mean") < out.index(reason)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    main(["review"])
    out = " ".join(capsys.readouterr().out.split())
    assert reason in out
    assert out.index(reason) < out.index("[1/")
    first_question = out[out.index("[1/"):].split(" · ")[3].split()[0]  # [1/20] topic · difficulty 2 · type · id
    assert first_question in waiting


def test_what_a_mistake_scheduled_moves_with_an_export(services, clock, tmp_path):
    from quizprep.progress import ProgressStore
    from quizprep.progress.transfer import export_progress, import_progress

    services.record_grade("linear", named("db is the mean of d_out over the batch"))
    data = export_progress(services.store)
    elsewhere = Services(clock=clock, store_factory=lambda: ProgressStore(tmp_path / "other.db", clock=clock, backups=False))
    import_progress(elsewhere.store, data)
    assert elsewhere.mistake_reasons() == services.mistake_reasons() != []
    assert sorted(elsewhere.mistake_front()) == sorted(tagged(services, "mean-vs-sum"))
    elsewhere.close()
