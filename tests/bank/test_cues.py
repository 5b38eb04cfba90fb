"""Key-point cues: how an explain answer is read (case, punctuation, endings, phrases, regexes, negation),
the spans handed to a face for highlighting, the suggested ticks, and how the bank validator reports a bad cue."""

import pytest

from quizprep.bank import Question, check_answer, load_bank
from quizprep.bank.cues import cue_problem, detect, detect_points, stem, suggested_ticks, tick_change

from .helpers import bank_text, write_bank

RESIDUAL = ("residual", "skip connection", "/identity (path|term|matrix)/", "I +")


def found(text, cues=RESIDUAL):
    """The fragments of `text` the cues matched (negated ones left out)."""
    d = detect_points(["the point"], [cues], text)[0]
    assert d.detected == bool(d.spans)
    return [text[a:b] for a, b in d.spans]


def explain(points, cues):
    return Question(id="q", topic="t", type="explain", difficulty=1, prompt="p", explanation="e", model_answer="m",
                    key_points=tuple(points), key_point_cues=tuple(tuple(c) for c in cues))


@pytest.mark.parametrize("forms", [
    ["connection", "connections", "Connections"],
    ["explode", "exploding", "explodes", "exploded"],
    ["use", "using", "used", "uses"],
    ["bias", "biases"],
    ["case", "cases"],
    ["loss", "losses"],
    ["class", "classes"],
    ["batch", "batches"],
    ["probability", "probabilities"],
    ["apply", "applies", "applied"],
    ["vanish", "vanishes", "vanishing", "vanished"],
    ["normalize", "normalizes", "normalizing", "normalized"],
    ["stop", "stops", "stopping", "stopped"],
    ["run", "runs", "running"],
    ["embed", "embeds", "embedding", "embeddings", "embedded"],
    ["need", "needs", "needed"],
    ["scale", "scales", "scaling", "scaled"],
    ["saturate", "saturates", "saturating", "saturated"],
])
def test_every_form_of_a_word_has_one_stem(forms):
    assert len({stem(w) for w in forms}) == 1, {w: stem(w) for w in forms}


@pytest.mark.parametrize("a, b", [("loss", "lose"), ("bias", "base"), ("pass", "past"), ("mean", "men")])
def test_different_words_keep_different_stems(a, b):
    assert stem(a) != stem(b)


@pytest.mark.parametrize("text, want", [
    ("It is a residual block.", ["residual"]),
    ("RESIDUAL", ["RESIDUAL"]),
    ("residuals everywhere", ["residuals"]),
    ("thanks to skip connections", ["skip connections"]),
    ("thanks to skip-connections!", ["skip-connections"]),
    ("Skip\nconnection", ["Skip\nconnection"]),
    ("skip   the connection", []),                      # the words of a phrase must be consecutive
    ("skipping connections", ["skipping connections"]),  # endings ignored inside a phrase too
    ("the identity  PATH carries it", ["identity  PATH"]),  # a regex reads words joined by one space, any case
    ("an identity term, (matrix)", ["identity term"]),
        ("so identity paths help", ["identity paths"]),     # a regex is searched; its span covers whole words
    ("J = I + dF/dx", ["I +"]),
    ("J=I+J_F", ["I+"]),
    ("I think it helps", []),                            # `I +` needs the plus: not the pronoun
    ("residualness", []),                                # a word cue matches whole words
    ("", []),
])
def test_what_a_cue_finds(text, want):
    assert found(text) == want


@pytest.mark.parametrize("text", [
    "not because of residual connections",
    "no skip connection",
    "without a residual",
    "it isn't the residual",
    "it isnt the residual",
    "we don't add a skip connection",
    "there is never an identity path",
    "NOT a Residual",
])
def test_a_negated_mention_does_not_count(text):
    assert found(text) == []
    assert detect_points(["p"], [RESIDUAL], text)[0].negated_spans  # found, but negated


@pytest.mark.parametrize("text, want", [
    ("not because of depth: residual connections", ["residual"]),  # the clause ends at the colon
    ("no dropout, residual connections", ["residual"]),
    ("no dropout but residual connections", ["residual"]),
    ("- no dropout\n- residual connections", ["residual"]),            # a line (a bullet) is a clause
    ("not at all deep, really: residual", ["residual"]),
    ("it is not that deep so residual", ["residual"]),               # `not` is four words before: too far
    ("not only residual connections", ["residual"]),
    ("not just the identity path", ["identity path"]),
    ("no skip connection, but a residual one", ["residual"]),         # one negated match, one that counts
])
def test_a_negation_reaches_back_three_words_in_its_clause(text, want):
    assert found(text) == want


def test_spans_point_into_the_original_text_in_order():
    text = "Because of the Skip-Connections, the identity\tpath (I + dF/dx) and a residual."
    d = detect_points(["p"], [RESIDUAL], text)[0]
    i = text.index
    assert d.spans == ((i("Skip"), i(",")), (i("identity"), i(" (")), (i("I +"), i(" dF")), (i("residual"), len(text) - 1))
    assert [text[a:b] for a, b in d.spans] == ["Skip-Connections", "identity\tpath", "I +", "residual"]
    assert [m.cue for m in d.matches] == ["skip connection", "/identity (path|term|matrix)/", "I +", "residual"]


def test_a_match_found_by_two_cues_is_one_span():
    d = detect_points(["p"], [("residual", "/resid/")], "a residual")[0]
    assert d.spans == ((2, 10),) and len(d.matches) == 2


def test_detect_gives_one_detection_per_key_point_and_suggests_the_detected():
    q = explain(["identity path", "gradients survive", "no cues here", "depth"],
                [RESIDUAL, ("vanish", "/gradients? (flow|reach)/"), (), ("deep", "depth", "layers")])
    text = "The skip connection keeps gradients flowing; they do not vanish. A plain point."
    ds = detect(q, text)
    assert [(d.index, d.text, d.detected) for d in ds] == [
        (0, "identity path", True), (1, "gradients survive", True), (2, "no cues here", False), (3, "depth", False)]
    assert [text[a:b] for a, b in ds[1].spans] == ["gradients flowing"]  # `vanish` is negated by `not`
    assert suggested_ticks(q, text) == frozenset({0, 1})
    assert check_answer(q, suggested_ticks(q, text)).correct  # 2 of 4: half counts


def test_a_question_without_cues_suggests_nothing():
    q = explain(["a", "b", "c"], [])
    assert suggested_ticks(q, "a b c") == frozenset()
    assert [d.detected for d in detect(q, "a b c")] == [False, False, False]


def test_tick_change_says_what_the_learner_added_and_removed():
    q = explain(["residual", "vanishing", "depth"], [RESIDUAL, ("vanish",), ("depth",)])
    change = tick_change(q, "a residual keeps gradients from vanishing", [0, 2])
    assert change.suggested == {0, 1} and change.ticked == {0, 2}
    assert change.added == {2} and change.removed == {1} and change.changed
    assert change.detail == "suggested 1,2; ticked 1,3; added 3; removed 2"
    same = tick_change(q, "residual", [0])
    assert not same.changed and same.detail == "suggested 1; ticked 1; added -; removed -"


@pytest.mark.parametrize("cue, problem", [
    ("", "empty cue"), ("   ", "empty cue"), ("/(/", "bad regular expression"), ("/a*/", "matches an empty answer"),
    ("?!", "has no words"), (3, "should be text"), (None, "should be text"),
])
def test_cue_problem(cue, problem):
    assert problem in cue_problem(cue)


@pytest.mark.parametrize("cue", ["residual", "skip connection", "/x+/", "I +", "dF/dx"])
def test_good_cues_have_no_problem(cue):
    assert cue_problem(cue) is None


EXPLAIN = """\
  - id: ex
    type: explain
    difficulty: 1
    prompt: p
    model_answer: m
    key_points:
{points}
    explanation: e
"""


def load(tmp_path, points):
    path, line = write_bank(tmp_path, bank_text(EXPLAIN.format(points=points)))
    return load_bank(path), line


def test_key_points_may_mix_plain_strings_and_cued_mappings(tmp_path):
    loaded, _ = load(tmp_path, """\
      - text: "Residual: Jacobian I + dF/dx gives an identity path"
        cues: [residual, skip connection, /identity (path|term|matrix)/, "I +"]
      - a plain point
      - text: a mapping without cues""")
    assert loaded.problems == ()
    q = loaded.bank.questions[0]
    assert q.key_points == ("Residual: Jacobian I + dF/dx gives an identity path", "a plain point", "a mapping without cues")
    assert q.key_point_cues == (("residual", "skip connection", "/identity (path|term|matrix)/", "I +"), (), ())


@pytest.mark.parametrize("points, col, message", [
    ("      - text: a\n        cues: [ok, \"\"]   # <-\n      - b\n      - c", 20, "empty cue"),
    ("      - text: a\n        cues: [ok, /(/]   # <-\n      - b\n      - c", 20, "bad regular expression /(/"),
    ("      - text: a\n        cues: [ok, 3]   # <-\n      - b\n      - c", 20, "cue `3` was read as number 3, not text"),
    ("      - text: a\n        cues: [ok, [x]]   # <-\n      - b\n      - c", 20, "a cue should be text, found a list"),
    ("      - text: a\n        cues:\n          - ok\n          - /x*/   # <-\n      - b\n      - c", 13, "matches an empty answer"),
    ("      - text: a\n        hint: x   # <-\n      - b\n      - c", 9, "unknown field `hint` in a key point"),
    ("      - text: a\n        cues: []   # <-\n      - b\n      - c", 15, "`cues` should be a non-empty list"),
    ("      - text: a\n        cues: residual   # <-\n      - b\n      - c", 15, "`cues` should be a non-empty list"),
    ("      - text: a\n        cues: [x, x]   # <-\n      - b\n      - c", 15, "lists the same cue twice"),
    ("      - cues: [x]   # <-\n      - b\n      - c", 9, "this key point has no `text`"),
    ("      - text: \"\"   # <-\n        cues: [x]\n      - b\n      - c", 15, "`text` is empty"),
    ("      - text: a\n        cues: [x]\n      - 12   # <-\n      - c", 9, "`12` in `key_points` was read as number 12"),
])
def test_a_bad_key_point_is_reported_at_its_line_and_column(tmp_path, points, col, message):
    loaded, line = load(tmp_path, points)
    assert loaded.bank is None or loaded.bank.questions == ()
    assert [(p.line, p.col) for p in loaded.problems] == [(line, col)], loaded.problems
    assert message in loaded.problems[0].message


def test_cued_key_points_still_count_three_to_six_and_stay_distinct(tmp_path):
    loaded, _ = load(tmp_path, "      - text: a\n        cues: [x]\n      - b")
    assert "has 2 `key_points` — write 3 to 6" in str(loaded.problems[0])
    loaded, _ = load(tmp_path, "      - text: a\n        cues: [x]\n      - a\n      - b")
    assert "same entry twice" in str(loaded.problems[0])


@pytest.mark.parametrize("text, want", [
    ("gradients do not vanish", ["not vanish"]),
    ("they don't vanish", ["don't vanish"]),
    ("they never vanish", ["never vanish"]),
    ("it doesn’t vanish", ["doesn’t vanish"]),      # a typographic apostrophe
    ("without vanishing", ["without vanishing"]),
    ("gradients vanish", []),                         # the point is that they do not
])
def test_a_cue_holding_a_negation_matches_every_negation(text, want):
    assert found(text, ("not vanish",)) == want
