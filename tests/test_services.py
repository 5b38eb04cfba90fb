"""The application layer both faces use: explicit configuration, one exercise lookup, one grade record."""

import sqlite3

import pytest

from quizprep.cli import main
from quizprep.grading.result import CheckResult, GradeResult
from quizprep.scaffold import new_exercise
from quizprep.services import Services, UnknownExercise


@pytest.fixture
def pack(tmp_path):
    folder = tmp_path / "pack"
    new_exercise("mse_grad", folder)
    return folder


def test_exercise_folders_belong_to_one_services_object_not_to_the_process(pack):
    with_pack = Services(extra_exercises=[pack])
    plain = Services()
    assert with_pack.find_exercise("mse_grad") is not None
    assert plain.find_exercise("mse_grad") is None  # nothing global: the other object never saw the pack
    assert with_pack.exercise_ids[: len(plain.exercise_ids)] == plain.exercise_ids  # built-ins first, then the pack
    alone = Services(exercise_paths=[pack], builtin_exercises=False)
    assert alone.exercise_ids == ["mse_grad"]
    assert alone.exercise_topics == {"mse_grad": "backprop"}


def test_an_unknown_exercise_names_the_ones_there_are(pack):
    services = Services(exercise_paths=[pack], builtin_exercises=False)
    with pytest.raises(UnknownExercise, match=r"unknown exercise `nosuch` — choose from mse_grad$"):
        services.exercise("nosuch")
    assert services.find_exercise("nosuch") is None


def test_command_line_folders_do_not_leak_from_one_call_into_the_next(pack, capsys):
    assert main(["--exercises", str(pack), "list"]) == 0
    assert "mse_grad" in capsys.readouterr().out
    assert main(["list"]) == 0
    assert "mse_grad" not in capsys.readouterr().out
    assert main(["hint", "mse_grad"]) == 2
    assert "unknown exercise `mse_grad`" in capsys.readouterr().err


def test_a_grade_is_recorded_once_and_a_change_made_elsewhere_is_reported(quizprep_home):
    services = Services()
    passed = GradeResult("relu_grad", "pass", (CheckResult("all", "pass"),), 0.1)
    assert services.record_grade("relu_grad", passed) is None
    assert services.store.ever_passed("relu_grad")
    outside = sqlite3.connect(quizprep_home / "progress.db")  # another program edits the file meanwhile
    outside.execute("DELETE FROM grades")
    outside.commit()
    outside.close()
    warning = services.record_grade("relu_grad", passed)
    assert warning is not None and "changed by a program other than quizprep" in warning and "quizprep import" in warning
    services.close()


def test_the_mock_interview_draws_its_coding_items_from_every_exercise(quizprep_home):
    services = Services()
    drawn = set()
    for seed in range(200):
        session = services.new_interview(45, seed)
        drawn |= {entry.exercise for entry in session.items if entry.kind == "exercise"}
        if len(drawn) == len(services.exercises):
            break
    assert drawn == {e.id for e in services.exercises} and len(drawn) == 32


def test_both_faces_set_the_interview_date_through_one_check(quizprep_home):
    from datetime import date, timedelta

    services = Services()
    with pytest.raises(ValueError, match="is not after today"):
        services.set_interview_date(date.today() - timedelta(days=1))
    with pytest.raises(ValueError, match="at most a year away"):
        services.set_interview_date(date.today() + timedelta(days=400))
    assert services.store.interview_date() is None
    services.set_interview_date(date.today() + timedelta(days=10))
    assert services.store.interview_date() == date.today() + timedelta(days=10)
