"""Your own banks and exercises: loaded, validated, quizzed and graded like the built-in ones;
collisions and broken packs reported with file and line while everything else keeps working."""

import json
import re
import shutil

import pytest

from quizprep.bank import load_banks
from quizprep.cli import main
from quizprep.paths import bank_paths, content_dir

MY_BANK = """\
topic: team-extras
title: Team extras
questions:
  - id: team-tf
    type: true_false
    difficulty: 1
    prompt: Adam keeps two running averages per parameter.
    answer: true
    explanation: The first and second moments.
"""


def test_new_bank_validates_cleanly_as_written(quizprep_home, capsys):
    assert main(["new", "bank", "my-topic"]) == 0
    path = quizprep_home / "banks" / "my-topic.yaml"
    assert path.is_file() and str(path) in capsys.readouterr().out
    assert main(["validate", str(path)]) == 0
    bank = load_banks([path]).banks[0]
    assert sorted(q.type for q in bank.questions) == sorted(["single", "multiple", "true_false", "numeric", "short", "order", "explain"])
    assert main(["new", "bank", "my-topic"]) == 2  # never overwrites
    assert "already exists" in capsys.readouterr().err


@pytest.mark.parametrize("how", ["home", "env", "flag"])
def test_a_user_bank_is_loaded_quizzed_recorded_and_listed(how, quizprep_home, tmp_path, monkeypatch, capsys):
    folder = quizprep_home / "banks" if how == "home" else tmp_path / "pack"
    folder.mkdir(parents=True)
    (folder / "team-extras.yaml").write_text(MY_BANK)
    flags = ["--banks", str(folder)] if how == "flag" else []
    if how == "env":
        monkeypatch.setenv("QUIZPREP_BANKS", str(folder))
    assert main([*flags, "validate"]) == 0
    assert "no problems" in capsys.readouterr().out
    assert main([*flags, "topics"]) == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("team-extras"))
    assert str(folder) in line
    answers = iter(["t", ""])  # the answer, then enter at the end of the quiz for the score
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert main([*flags, "quiz", "-t", "team-extras", "-n", "1"]) == 0
    assert "✓ right" in capsys.readouterr().out
    assert main([*flags, "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    mine = next(t for t in stats["topics"] if t["topic"] == "team-extras")
    assert (mine["answers"], mine["accuracy"]) == (1, 1.0)


def test_an_id_colliding_with_a_built_in_one_names_both_places(quizprep_home, capsys):
    builtin = load_banks([content_dir("question_bank")])
    taken = builtin.questions[0]
    folder = quizprep_home / "banks"
    folder.mkdir()
    (folder / "team-extras.yaml").write_text(MY_BANK.replace("team-tf", taken.id))
    assert main(["validate"]) == 1
    out = capsys.readouterr().out
    assert f"{folder / 'team-extras.yaml'}:4:1: duplicate id `{taken.id}`, also at {taken.path}:{taken.line}" in out
    catalog = load_banks(bank_paths())
    assert catalog.question(taken.id).path == taken.path  # the built-in one stays; never a silent override
    assert len(catalog.questions) == len(builtin.questions)


def test_a_broken_user_bank_is_reported_and_the_rest_works(quizprep_home, capsys):
    folder = quizprep_home / "banks"
    folder.mkdir()
    (folder / "broken.yaml").write_text("topic: broken\ntitle: Broken\nquestions:\n  - id: x\n    type: essay\n")
    (folder / "team-extras.yaml").write_text(MY_BANK)
    assert main(["validate"]) == 1
    assert f"{folder / 'broken.yaml'}:5:11: unknown type `essay`" in capsys.readouterr().out
    assert load_banks(bank_paths()).question("team-tf") is not None


def test_a_user_exercise_is_scaffolded_checked_graded_recorded_and_listed(quizprep_home, tmp_path, capsys):
    assert main(["new", "exercise", "mse_grad", "--dir", str(tmp_path / "pack")]) == 0
    capsys.readouterr()
    flags = ["--exercises", str(tmp_path / "pack")]
    assert main([*flags, "check-exercise", "mse_grad"]) == 0
    out = capsys.readouterr().out
    assert "✓ the reference passes every check" in out and "✓ the untouched stub fails" in out
    folder = tmp_path / "pack" / "mse_grad"
    assert main([*flags, "grade", "mse_grad", "--json"]) == 1  # the workspace copy is the stub
    assert json.loads(capsys.readouterr().out)["status"] == "fail"
    wrong = tmp_path / "wrong.py"
    wrong.write_text("def mse_grad(pred, target):\n    return 2 * (pred - target)\n")
    assert main([*flags, "grade", "mse_grad", "--file", str(wrong)]) == 1
    assert "likely mistake: forgot to divide by the number of entries" in capsys.readouterr().out
    assert main([*flags, "grade", "mse_grad", "--file", str(folder / "solution.py")]) == 0
    capsys.readouterr()
    assert main([*flags, "list"]) == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines() if "mse_grad" in ln)
    assert "passed" in line and str(folder) in line


def test_exercise_pack_problems_are_reported_and_the_rest_works(quizprep_home, tmp_path, capsys):
    pack = tmp_path / "pack"
    main(["new", "exercise", "good_one", "--dir", str(pack)])
    main(["new", "exercise", "broken_yaml", "--dir", str(pack)])
    (pack / "broken_yaml" / "exercise.yaml").write_text("id: broken_yaml\ntitle: [unclosed\n")
    main(["new", "exercise", "no_checks", "--dir", str(pack)])
    (pack / "no_checks" / "check_no_checks.py").unlink()
    shutil.copytree(pack / "good_one", pack / "relu_grad")
    (pack / "relu_grad" / "check_good_one.py").rename(pack / "relu_grad" / "check_relu_grad.py")
    (pack / "relu_grad" / "exercise.yaml").write_text((pack / "good_one" / "exercise.yaml").read_text().replace("good_one", "relu_grad"))
    capsys.readouterr()
    assert main(["--exercises", str(pack), "list"]) == 0
    out, err = capsys.readouterr()
    assert f"{pack / 'broken_yaml' / 'exercise.yaml'}:3:1: YAML syntax error" in err
    assert f"{pack / 'no_checks'}: missing check_no_checks.py" in err
    assert f"{pack / 'relu_grad' / 'exercise.yaml'}:1:1: exercise id `relu_grad` is already taken by" in err
    assert "good_one" in out and "no_checks" not in out and len(re.findall(r"\brelu_grad\b", out)) == 1


def test_the_authoring_guide_example_is_the_scaffolded_checks_module():
    from pathlib import Path

    from quizprep.scaffold import EXERCISE_CHECKS

    guide = (Path(__file__).resolve().parents[1] / "docs" / "authoring.md").read_text()
    example = guide.split("```python\n")[1].split("```")[0]
    scaffold = EXERCISE_CHECKS.format(id="mse_grad")
    code_lines = [ln for ln in example.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    assert code_lines and all(ln in scaffold.splitlines() for ln in code_lines)


# --- one exercise format: the built-in exercises are folders like any pack, read by the same validator ----------


def _exercise_yaml(eid: str, *extra: str) -> str:
    return "\n".join([f"id: {eid}", "title: A title", "topic: backprop", "difficulty: 1", *extra, "hints:", "  - first", ""])


@pytest.fixture
def pack(tmp_path):
    """A pack folder and a helper that scaffolds one exercise in it with the exercise.yaml given."""
    from quizprep.scaffold import new_exercise

    root = tmp_path / "pack"

    def add(eid: str, text: str | None = None):
        folder = new_exercise(eid, root)
        if text is not None:
            (folder / "exercise.yaml").write_text(text)
        return folder

    add.root = root
    return add


def test_each_folder_comes_in_its_order_and_those_without_one_after_by_id(pack):
    from quizprep.grading.exercises import load_exercises

    pack("zeta", _exercise_yaml("zeta", "order: 1"))
    pack("alpha", _exercise_yaml("alpha", "order: 2"))
    pack("mid_b")
    pack("mid_a")
    exercises, problems = load_exercises([pack.root], builtin=False)
    assert problems == ()
    assert [(e.order, e.id) for e in exercises] == [(1, "zeta"), (2, "alpha"), (3, "mid_a"), (4, "mid_b")]


@pytest.mark.parametrize(("extra", "hints", "line", "message"), [
    (["order: 0"], "  - first", 5, "order must be a whole number from 1"),
    (["order: two"], "  - first", 5, "order must be a whole number from 1"),
    (["derivation: long text"], "  - first", 5, "unknown derivation — an exercise has id, title, topic, difficulty, hints and optionally order"),
    ([], "  - 3", 6, "every hint must be text"),
    ([], "  - a\n  - b\n  - c\n  - d", 6, "hints should be a list of 1 to 3 hints"),
])
def test_a_malformed_exercise_yaml_is_reported_at_its_line_and_left_out(pack, extra, hints, line, message):
    from quizprep.grading.exercises import load_exercises

    text = _exercise_yaml("broken", *extra).replace("  - first\n", hints + "\n")
    folder = pack("broken", text)
    pack("fine")
    exercises, problems = load_exercises([pack.root], builtin=False)
    assert [e.id for e in exercises] == ["fine"]
    assert len(problems) == 1 and problems[0].startswith(f"{folder / 'exercise.yaml'}:{line}:") and message in problems[0], problems


def test_two_exercises_of_a_folder_with_the_same_order_name_each_other(pack):
    from quizprep.grading.exercises import load_exercises

    pack("first", _exercise_yaml("first", "order: 1"))
    second = pack("second", _exercise_yaml("second", "order: 1"))
    exercises, problems = load_exercises([pack.root], builtin=False)
    assert [e.id for e in exercises] == ["first"]
    assert problems == (f"{second / 'exercise.yaml'}:5:8: order 1 is also `first`'s — give each exercise of a folder its own",)


def test_a_derivation_next_to_the_exercise_is_found(pack):
    from quizprep.grading.exercises import load_exercises

    with_text = pack("derived")
    (with_text / "derivation.md").write_text("d mse / d pred = 2 (pred - target) / N\n")
    (pack("plain") / "derivation.md").unlink()  # optional: an exercise without one loads too
    exercises, _ = load_exercises([pack.root], builtin=False)
    assert {e.id: e.derivation for e in exercises} == {"derived": with_text / "derivation.md", "plain": None}


@pytest.mark.parametrize(("edit", "message"), [
    (lambda t: t.replace("title: ", "title: &t ", 1), "anchor `&t` — exercise files do not use anchors or aliases"),
    (lambda t: t + "extra: 1\n", "unknown extra"),
    (lambda t: t.replace("difficulty: 1", "difficulty: 4"), "difficulty must be 1, 2 or 3"),
])
def test_the_built_in_exercises_go_through_the_same_validator(tmp_path, monkeypatch, edit, message):
    from quizprep.grading import exercises as catalogue

    builtin = tmp_path / "builtin"
    for eid in ("relu_grad", "tanh_grad"):
        shutil.copytree(content_dir("exercises") / eid, builtin / eid)
    meta = builtin / "relu_grad" / "exercise.yaml"
    meta.write_text(edit(meta.read_text()))
    monkeypatch.setattr(catalogue, "content_dir", lambda name: builtin)
    exercises, problems = catalogue.load_all_exercises([])
    assert [e.id for e in exercises] == ["tanh_grad"]
    assert len(problems) == 1 and problems[0].startswith(f"{meta}:") and message in problems[0], problems


def test_check_exercise_accepts_a_built_in_exercise(capsys):
    assert main(["check-exercise", "relu_grad"]) == 0
    out = capsys.readouterr().out
    assert "✓ the reference passes every check" in out and "✓ the untouched stub fails" in out
