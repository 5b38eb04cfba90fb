"""Exercise status words: one vocabulary, and `list`/`watch` telling the truth after a reset and a move on."""

import re
from contextlib import contextmanager
from pathlib import Path

from quizprep.cli import main, watch
from quizprep.grading import load_catalogue
from quizprep.grading.status import FAILING, NOT_STARTED, PASSED, PASSED_RESET, REVIEW_DUE, STARTED, STATUSES, status_word
from quizprep.progress import ProgressStore
from quizprep.services import Services

ROOT = Path(__file__).resolve().parents[2]
SOLUTION = ROOT / "exercises" / "relu_grad" / "solution.py"


def status_in_list(capsys, exercise_id):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    found = re.search(rf"^\s*\d+\s+{exercise_id}\s+(.+?)\s{{2,}}", out, re.M)
    assert found, out
    return found.group(1), out


def test_status_words_cover_every_case():
    cases = {(None, False, False): NOT_STARTED, (None, True, False): STARTED, ("fail", True, False): FAILING,
             ("error", False, False): FAILING, ("timeout", True, False): FAILING, ("pass", True, False): PASSED,
             ("pass", False, False): PASSED_RESET, ("pass", False, True): REVIEW_DUE, (None, False, True): REVIEW_DUE}
    for (last, edited, due), word in cases.items():
        assert status_word(last, edited=edited, due=due) == word
    assert set(cases.values()) == set(STATUSES)


def test_list_after_reset_does_not_say_passed(capsys):
    main(["path", "relu_grad"])
    path = Path(capsys.readouterr().out.strip())
    path.write_text(SOLUTION.read_text())
    assert main(["grade", "relu_grad"]) == 0
    capsys.readouterr()
    assert status_in_list(capsys, "relu_grad")[0] == "passed"
    assert main(["reset", "relu_grad"]) == 0
    capsys.readouterr()
    status, out = status_in_list(capsys, "relu_grad")
    assert status == "passed, reset"
    assert f"1/{len(load_catalogue())} passed at least once" in out  # the pass still counts, as `stats` counts it
    assert "passed, reset: you passed it, then reset your copy to the stub" in out


def test_list_fits_80_and_60_columns(capsys, monkeypatch):
    for cols in (80, 60):
        monkeypatch.setenv("COLUMNS", str(cols))
        main(["list"])
        lines = capsys.readouterr().out.splitlines()
        assert max(len(line) for line in lines) < cols, cols


def test_list_in_a_wide_terminal_shows_whole_titles(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    main(["list"])
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert max(len(line) for line in lines) < 160
    for exercise in load_catalogue():
        assert exercise.title in out, exercise.title  # the table is not held to prose's 100 columns


@contextmanager
def scripted_keys(keys):
    keys = list(keys)
    yield lambda: keys.pop(0) if keys else "q"


def test_n_in_watch_moves_on_without_grading_the_next_stub(capsys, monkeypatch):
    services = Services()
    catalogue = services.exercises
    second = catalogue[1]
    main(["path", "relu_grad"])
    Path(capsys.readouterr().out.strip()).write_text(SOLUTION.read_text())
    monkeypatch.setattr(watch, "_keys", lambda: scripted_keys(["n", None, None, "q"]))
    assert watch.watch(services, catalogue[0], timeout=20) == 0
    out = capsys.readouterr().out
    assert "all checks pass — press n" in out
    assert f"[2/{len(catalogue)}] {second.id}" in out and "still the stub" in out
    assert second.instructions().splitlines()[0] in out  # the new exercise's instructions, from its stub
    with ProgressStore() as store:
        grades = {eid: row["status"] for eid, row in store.last_grades().items()}
    assert grades == {"relu_grad": "pass"}  # the next one was neither graded nor marked attempted
    assert status_in_list(capsys, second.id)[0] == "not started"


def test_watch_starts_an_untouched_stub_without_grading_it(capsys, monkeypatch):
    services = Services()
    monkeypatch.setattr(watch, "_keys", lambda: scripted_keys([None, "q"]))
    watch.watch(services, services.exercises[0], timeout=20)
    assert "checking…" not in capsys.readouterr().out
    with ProgressStore() as store:
        assert store.last_grades() == {}


def test_r_grades_the_stub_on_request(capsys, monkeypatch):
    services = Services()
    monkeypatch.setattr(watch, "_keys", lambda: scripted_keys(["r", None, "q"]))
    watch.watch(services, services.exercises[0], timeout=20)
    assert "checking…" in capsys.readouterr().out
    with ProgressStore() as store:
        assert store.last_grades()["relu_grad"]["status"] == "fail"


def test_watch_without_an_id_starts_at_the_first_copy_that_does_not_pass(capsys, monkeypatch):
    second = load_catalogue()[1].id
    for exercise_id in ("relu_grad", second):
        main(["path", exercise_id])
        path = Path(capsys.readouterr().out.strip())
        path.write_text((ROOT / "exercises" / exercise_id / "solution.py").read_text())
        assert main(["grade", exercise_id]) == 0
        capsys.readouterr()
    main(["reset", second])  # passed, then put back to the stub to do again
    started = []
    monkeypatch.setattr(watch, "watch", lambda services, start, timeout: started.append(start.id) or 0)
    capsys.readouterr()
    assert main(["watch"]) == 0
    assert started == [second]
