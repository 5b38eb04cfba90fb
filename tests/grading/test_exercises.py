"""The two facts every exercise must keep: the reference passes every check, the stub fails them."""

import pytest

from quizprep.grading import grade, load_catalogue
from quizprep.grading.exercises import load_exercises

# written out here, not read from the catalogue, so a lost, renamed or reordered exercise fails; a new
# exercise may come anywhere between them without touching this list (adding one touches its folder only)
EXPECTED_IN_ORDER = ["relu_grad", "sigmoid_grad", "tanh_grad", "softmax", "cross_entropy", "softmax_ce_backward", "linear",
                     "two_layer_net", "init", "gradcheck", "sgd_momentum", "adam", "lr_schedule", "clip_grad_norm", "batchnorm",
                     "autograd"]
CATALOGUE = load_catalogue(with_packs=False)


def test_the_built_in_catalogue_loads_without_problems_in_its_order():
    from quizprep.paths import content_dir

    exercises, problems = load_exercises([])
    assert problems == ()
    ids = [e.id for e in exercises]
    # every exercise folder on disk is loaded: none is left out, whatever its exercise.yaml says
    assert sorted(ids) == sorted(p.name for p in content_dir("exercises").iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    assert [i for i in ids if i in EXPECTED_IN_ORDER] == EXPECTED_IN_ORDER
    assert [e.order for e in exercises] == list(range(1, len(ids) + 1))


@pytest.mark.parametrize("exercise", CATALOGUE, ids=[e.id for e in CATALOGUE])
def test_reference_solution_passes_every_check(exercise):
    result = grade(exercise, exercise.solution)
    failing = [(c.name, c.message, c.diagnosis) for c in result.checks if c.status != "pass"]
    assert result.status == "pass" and failing == [] and len(result.checks) >= 5, (result.message, failing)


@pytest.mark.parametrize("exercise", CATALOGUE, ids=[e.id for e in CATALOGUE])
def test_untouched_stub_fails_with_not_implemented_yet(exercise):
    result = grade(exercise, exercise.stub)
    assert result.status == "fail"
    assert all("not implemented yet" in c.message for c in result.checks if c.status != "pass")
    assert sum(c.status == "pass" for c in result.checks) < len(result.checks) / 2


def test_catalogue_is_complete_and_consistent():
    ids = [e.id for e in CATALOGUE]
    assert len(ids) == len(set(ids))
    for e in CATALOGUE:
        assert e.stub.is_file() and e.solution.is_file() and e.checks.is_file(), e.id
        assert 2 <= len(e.hints) <= 3 and e.difficulty in (1, 2, 3), e.id


def test_every_exercise_has_a_correct_submission_in_another_style():
    # a grader that fails right code is worse than none: each exercise keeps at least one correct
    # submission written unlike its reference (an eps in the log, keepdims, loops, 0-d arrays, ...)
    from pathlib import Path

    corpus = Path(__file__).parent / "submissions"
    for e in CATALOGUE:
        styles = [p for p in (corpus / e.id).glob("right_style_*.py")
                  if p.read_text(encoding="utf-8").startswith("# expect: pass")]
        assert styles, f"tests/grading/submissions/{e.id}/ has no right_style_*.py with '# expect: pass'"


def test_the_wheel_ships_every_built_in_content_folder_and_nothing_stale():
    # a non-editable install reads the built-in exercises from quizprep/_data/ (paths.content_dir):
    # pyproject's force-include must copy exactly the content folders there, and each must exist
    import tomllib
    from pathlib import Path

    from quizprep.paths import CONTENT_DIRS

    root = Path(__file__).resolve().parents[2]
    shipped = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert shipped == {name: f"quizprep/_data/{name}" for name in CONTENT_DIRS}
    assert all((root / name).is_dir() for name in shipped)
