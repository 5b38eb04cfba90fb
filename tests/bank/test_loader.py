"""The loader reports each kind of problem at the line it is on, and keeps good questions."""

import time

import pytest

from quizprep.bank import load_bank, load_banks

from .helpers import VALID_QUESTION, bank_text, write_bank


def problems_at(path):
    loaded = load_bank(path)
    return loaded, [(p.line, p.message) for p in loaded.problems]


def test_valid_bank_loads_every_field(tmp_path):
    path, _ = write_bank(tmp_path, bank_text(VALID_QUESTION.format(id="q-one"), """\
  - id: q-num
    type: numeric
    difficulty: 3
    tags: [sigmoid, saturation]
    prompt: Sigmoid gradient at 5?
    answer: 0.0066
    rel_tolerance: 0.02
    explanation: s(1-s).
"""))
    loaded = load_bank(path)
    assert loaded.problems == ()
    one, num = loaded.bank.questions
    assert (one.id, one.type, one.difficulty, one.line) == ("q-one", "single", 1, 4)
    assert [c.correct for c in one.choices] == [True, False]
    assert one.choices[1].why == "Because it is not."
    assert (num.answer, num.rel_tolerance, num.tolerance, num.tags) == (0.0066, 0.02, None, ("sigmoid", "saturation"))
    assert loaded.bank.topic == "demo" and loaded.bank.title == "Demo"


@pytest.mark.parametrize(
    "question, expected",
    [
        ("  - id: q\n    type: true_false\n    difficulty: 1\n    prompt: a: b   # <-\n", "YAML syntax error: mapping values are not allowed"),
        ("  - id: q\n    type: true_false\n    difficulty: 1\n    difficulty: 2   # <-\n    prompt: p\n    answer: true\n    explanation: e\n",
         "duplicate key `difficulty` (first at line 18)"),
        ("  - id: q   # <-\n    type: true_false\n    difficulty: 1\n    answer: true\n    explanation: e\n", "has no `prompt`"),
        ("  - id: q\n    type: true_false\n    difficulty: 1\n    prompt: p\n    answer: true\n    explanation: e\n    hint: x   # <-\n",
         "unknown field `hint`"),
        ("  - id: q\n    type: true_false\n    difficulty: 1\n    prompt: p\n    answer: true\n    explanation: e\n    items: [a, b, c]   # <-\n",
         "`items` does not belong to a `true_false` question"),
        ("  - id: q\n    type: essay   # <-\n    difficulty: 1\n    prompt: p\n    explanation: e\n", "unknown type `essay`"),
        ("  - id: q\n    type: single\n    difficulty: 1\n    prompt: p\n    choices:\n      - text: a   # <-\n        why: w\n      - text: b\n        why: w\n    explanation: e\n",
         "has no correct choice"),
        ("  - id: q\n    type: single\n    difficulty: 1\n    prompt: p\n    choices:\n      - text: a   # <-\n        correct: true\n      - text: b\n        correct: true\n    explanation: e\n",
         "has 2 correct choices"),
        ("  - id: q\n    type: true_false\n    difficulty: 1\n    prompt: p\n    answer: maybe   # <-\n    explanation: e\n", "must be true or false"),
        ("  - id: q\n    type: numeric\n    difficulty: 1\n    prompt: p\n    answer: \"0.5\"   # <-\n    tolerance: 0.1\n    explanation: e\n",
         "`answer` should be a number"),
        ("  - id: q   # <-\n    type: numeric\n    difficulty: 1\n    prompt: p\n    answer: 0.5\n    explanation: e\n", "neither `tolerance` nor `rel_tolerance`"),
        ("  - id: q\n    type: true_false\n    difficulty: 1\n    prompt: \"  \"   # <-\n    answer: true\n    explanation: e\n", "`prompt` is empty"),
        ("  - id: q\n    type: short\n    difficulty: 1\n    prompt: p\n    accept:\n      - relu\n      - /re(lu/   # <-\n    explanation: e\n",
         "bad regular expression /re(lu/"),
        ("  - id: q\n    type: true_false\n    difficulty: 4   # <-\n    prompt: p\n    answer: true\n    explanation: e\n", "difficulty `4` is not 1, 2 or 3"),
        ("  - id: q\n    type: true_false\n    difficulty: 1\n    prompt: no   # <-\n    answer: true\n    explanation: e\n",
         "`prompt: no` was read as boolean false, not text — quote it"),
        ("  - id: q\n    type: short\n    difficulty: 1\n    prompt: p\n    accept:\n      - off   # <-\n    explanation: e\n",
         "`off` in `accept` was read as boolean false"),
        ("  - id: q\n    type: single\n    difficulty: 1\n    prompt: p\n    choices:\n      - text: a\n        correct: true\n      - text: b   # <-\n    explanation: e\n",
         "wrong choice has no `why`"),
        ("  - id: q\n    type: order\n    difficulty: 1\n    prompt: p\n    items: [a, b]   # <-\n    explanation: e\n", "has 2 `items` — write 3 to 8"),
        ("  - id: q\n    type: explain\n    difficulty: 1\n    prompt: p\n    model_answer: m\n    key_points: [a, b]   # <-\n    explanation: e\n",
         "has 2 `key_points` — write 3 to 6"),
        ("  - id: Bad_Id   # <-\n    type: true_false\n    difficulty: 1\n    prompt: p\n    answer: true\n    explanation: e\n", "is not a slug"),
        ("  - id: q\n    type: true_false\n    difficulty: 1\n    prompt: &p text   # <-\n    answer: true\n    explanation: e\n", "anchor `&p`"),
        ("  - id: q\n    type: true_false\n    difficulty: 1\n    prompt: !!python/object:os.system x   # <-\n    answer: true\n    explanation: e\n",
         "tag `tag:yaml.org,2002:python/object:os.system`"),
    ],
    ids=["syntax", "duplicate-key", "missing-field", "unknown-field", "field-of-other-type", "unknown-type", "no-correct",
         "two-correct-single", "tf-answer-kind", "numeric-answer-kind", "no-tolerance", "empty-prompt", "bad-regex",
         "difficulty-range", "bare-no", "bare-off-in-list", "wrong-choice-without-why", "too-few-items", "too-few-key-points",
         "bad-id", "anchor", "python-tag"],
)
def test_problem_reported_at_its_line(tmp_path, question, expected):
    path, line = write_bank(tmp_path, bank_text(VALID_QUESTION.format(id="good"), question))
    loaded, found = problems_at(path)
    assert any(expected in message and at == line for at, message in found), found
    assert all(str(p).startswith(f"{path}:{p.line}:{p.col}: ") for p in loaded.problems)
    if "syntax" in expected or "anchor" in expected:  # the file is refused before anything is expanded
        assert loaded.bank is None
    else:  # a broken question never takes its neighbours down
        assert [q.id for q in loaded.bank.questions] == ["good"]


def test_alias_reported_and_bomb_is_cheap(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(f"{c}: &{c} [" + ", ".join([f"*{p}"] * 9) + "]\n"
                                                           for p, c in zip("abcdefgh", "bcdefghi", strict=False))
    path, _ = write_bank(tmp_path, "topic: demo\ntitle: Demo\n" + bomb + "questions: *i\n")
    start = time.perf_counter()
    loaded, found = problems_at(path)
    assert time.perf_counter() - start < 2  # 9**9 items if it were expanded
    assert loaded.bank is None
    assert any("alias `*a`" in m and line == 4 for line, m in found)


def test_non_utf8_file_reported_at_the_bad_byte(tmp_path):
    path = tmp_path / "demo.yaml"
    path.write_bytes(b"topic: demo\ntitle: Caf\xe9\nquestions: []\n")
    loaded, found = problems_at(path)
    assert loaded.bank is None
    assert found == [(2, "the file is not UTF-8 (byte 0xe9) — save it as UTF-8")]
    assert loaded.problems[0].col == 11


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "demo.yaml"
    path.write_text(content)
    loaded, found = problems_at(path)
    assert loaded.bank is None and len(found) == 1 and "empty" in found[0][1]


def test_topic_must_match_file_name(tmp_path):
    path, _ = write_bank(tmp_path, bank_text(VALID_QUESTION.format(id="q"), topic="other"), name="demo.yaml")
    loaded, found = problems_at(path)
    assert found == [(1, "topic `other` does not match the file name `demo.yaml` — rename one so they agree")]


def test_duplicate_id_in_one_file_names_the_first(tmp_path):
    text = bank_text(VALID_QUESTION.format(id="same"), VALID_QUESTION.format(id="same"))
    path, _ = write_bank(tmp_path, text)
    loaded, found = problems_at(path)
    assert found == [(16, "duplicate id `same` (first at line 4) — give each question its own id")]
    assert len(loaded.bank.questions) == 1


def test_duplicate_id_across_files_names_both_places(tmp_path):
    a, _ = write_bank(tmp_path, bank_text(VALID_QUESTION.format(id="shared"), topic="alpha"), name="alpha.yaml")
    b, _ = write_bank(tmp_path, bank_text(VALID_QUESTION.format(id="mine"), VALID_QUESTION.format(id="shared"), topic="beta"), name="beta.yaml")
    catalog = load_banks([tmp_path])
    assert [str(p) for p in catalog.problems] == [
        f"{b}:16:1: duplicate id `shared`, also at {a}:4 — give each question its own id"
    ]
    assert sorted(q.id for q in catalog.questions) == ["mine", "shared"]
    assert catalog.question("shared").topic == "alpha"


def test_broken_bank_does_not_stop_the_others(tmp_path):
    write_bank(tmp_path, "topic: [broken\n", name="broken.yaml")
    write_bank(tmp_path, bank_text(VALID_QUESTION.format(id="fine"), topic="fine"), name="fine.yaml")
    catalog = load_banks([tmp_path])
    assert catalog.topics == ("fine",)
    assert [p.path.endswith("broken.yaml") for p in catalog.problems] == [True]


def test_missing_file_is_a_problem_not_a_crash(tmp_path):
    loaded = load_bank(tmp_path / "nope.yaml")
    assert loaded.bank is None and "cannot read the file" in loaded.problems[0].message
