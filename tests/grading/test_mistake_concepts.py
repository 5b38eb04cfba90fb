"""The map from named mistakes to concepts cannot rot: its texts are the grader's, its concepts the banks' tags."""

from collections import Counter
from pathlib import Path

import pytest

from quizprep.bank import load_banks
from quizprep.grading.exercises import load_catalogue
from quizprep.grading.mistake_concepts import MAP_FILE, MistakeMapError, load_map, mistake_concepts, parse_map
from quizprep.grading.result import CheckResult, GradeResult

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted(ROOT.glob("exercises/*/check_*.py")) + [ROOT / "quizprep" / "grading" / "diagnosis.py"]
SUBMISSIONS = ROOT / "tests" / "grading" / "submissions"


def _tag_counts() -> Counter:
    banks = load_banks([ROOT / "question_bank"])
    return Counter(tag for q in banks.questions for tag in set(q.tags))


def test_every_concept_a_mistake_names_is_a_tag_of_at_least_two_questions():
    counts = _tag_counts()
    used = {entry.concept for entry in mistake_concepts().mistakes}
    thin = {tag: counts[tag] for tag in sorted(used) if counts[tag] < 2}
    assert not thin, f"concepts with fewer than two tagged questions: {thin}"


def test_every_concept_is_named_by_some_mistake_and_its_exercises_exist():
    ids = {e.id for e in load_catalogue()}
    table = mistake_concepts()
    used = {entry.concept for entry in table.mistakes}
    assert set(table.concepts) == used
    unknown = {(tag, e) for tag, c in table.concepts.items() for e in c.exercises if e not in ids}
    assert not unknown


def test_every_match_is_text_the_grader_really_writes():
    texts = [path.read_text(encoding="utf-8") for path in SOURCES]
    assert len(texts) > 30
    rotten = [e.match for e in mistake_concepts().mistakes if not any(e.match in t for t in texts)]
    assert not rotten, f"these matches occur in no check file nor in diagnosis.py: {rotten}"
    assert len({e.match for e in mistake_concepts().mistakes}) == len(mistake_concepts().mistakes)  # no entry twice


def _diagnoses(path: Path) -> list[str]:
    return [line[len("# diagnosis:"):].strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("# diagnosis:")]


def test_every_likely_mistake_the_corpus_expects_maps_to_a_concept():
    table = mistake_concepts()
    named = [p for p in sorted(SUBMISSIONS.glob("*/wrong_*.py")) if any("likely mistake:" in d for d in _diagnoses(p))]
    assert len(named) > 200
    unmapped = [str(p.relative_to(SUBMISSIONS)) for p in named if table.concept_of(_diagnoses(p)) is None]
    assert not unmapped, f"mistakes the grader names that no entry maps to a concept: {unmapped}"


@pytest.mark.parametrize(("submission", "concept"), [
    ("linear/wrong_db_mean.py", "mean-vs-sum"),
    ("linear/wrong_dW_transposed.py", "shapes"),
    ("adam/wrong_no_bias_correction.py", "bias-correction"),
    ("lstm_cell/wrong_gate_order_ifgo.py", "lstm"),  # not linear's "PyTorch's layout"
    ("dropout/wrong_backward_ignores_mask.py", "dropout"),  # not the causal mask
])
def test_the_specific_entry_wins_over_the_general_one(submission, concept):
    found = mistake_concepts().concept_of(_diagnoses(SUBMISSIONS / submission))
    assert found is not None and found[0].tag == concept


def test_a_grade_names_the_concept_of_its_first_failing_check_only():
    table = mistake_concepts()
    first = CheckResult("db", "fail", "db is wrong", ("likely mistake: db is the mean of d_out over the batch — it is the sum",))
    later = CheckResult("dx", "fail", "dx is wrong", ("likely mistake: the result is transposed — check",))
    assert table.for_grade(GradeResult("linear", "fail", (CheckResult("fwd", "pass"), first, later)))[0].tag == "mean-vs-sum"
    assert table.for_grade(GradeResult("linear", "fail", (later, first)))[0].tag == "shapes"
    assert table.for_grade(GradeResult("linear", "pass", (CheckResult("all", "pass"),))) is None
    unnamed = CheckResult("fwd", "error", "forward(x) raised NotImplementedError")
    assert table.for_grade(GradeResult("linear", "error", (unnamed,))) is None


def test_the_map_ships_inside_the_package_and_is_read_with_the_safe_reader(tmp_path):
    import quizprep

    assert MAP_FILE.parent == Path(quizprep.__file__).parent / "grading"  # the wheel's `packages = ["quizprep"]` carries it
    assert MAP_FILE.is_file()
    aliased = tmp_path / "m.yaml"
    aliased.write_text("concepts:\n  a: &c {label: x, slip: y}\n  b: *c\nmistakes: []\n", encoding="utf-8")
    with pytest.raises(MistakeMapError, match="alias|anchor"):
        load_map(aliased)
    with pytest.raises(MistakeMapError, match="unknown concept 'nope'"):
        parse_map({"concepts": {"a": {"label": "x", "slip": "y"}}, "mistakes": [{"match": "t", "concept": "nope"}]})
