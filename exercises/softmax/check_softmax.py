"""Checks for softmax: over the last axis, rows sum to 1, shift invariant, stable for logits of ±1e4, z unchanged.

Every call of the grade runs in one sandboxed process (`every_call`), each check's input its own
`guarded` part with an array of its own (the two checks on HUGE read one part, its value and its
warnings), so a softmax that raises on one input fails that input's checks only.
"""

import numpy as np
import pytest

from quizprep.grading.api import (
    CheckFailed,
    describe_type,
    expect_array,
    expect_float64_precision,
    expect_no_warnings,
    expect_true,
    expect_unchanged,
    guarded,
    seeded,
    shape_id,
)

# (1, K) is a batch of one; (4, 4) is square, the one shape where a max or sum without keepdims
# gives wrong numbers instead of a broadcasting error; (3, 7) is non-square; (2, 3, 4) and (6,)
# pin "the last axis" (a hard-coded axis=1 is wrong for one and fails on the other).
SHAPES = [(1, 5), (4, 4), (3, 7), (2, 3, 4), (6,)]

# Logits where a softmax without the max-subtraction breaks: row 0 overflows (exp(1e4) = inf, so
# inf / inf), row 1 underflows (every exp is 0, so 0 / 0), row 2 mixes both in one row. Rows 0 and
# 1 sit 2e4 apart, so subtracting the max of the whole array still leaves row 1 at 0 / 0.
HUGE = np.array([[1e4, 1e4 - 1.0, 1e4 - 5.0, 1e4 - 2.0],
                 [-1e4, -1e4 + 2.0, -1e4 + 1.0, -1e4 + 3.0],
                 [1e4, 0.0, -1e4, 5e3]])

# Adding a constant to a row moves its logits by up to 45 here; rounding z + c then changes the
# softmax by ~45 * 2e-16 relative, far inside the default RTOL. Kept moderate on purpose: this
# check is about the maths, the HUGE checks are about overflow.
ROW_SHIFTS = np.array([[-30.0], [0.5], [12.0], [45.0]])

GLOBAL_MAX = ("subtracting the max of the whole array instead of each row's: a row far below that max still "
              "underflows to 0 / 0 = NaN — use z.max(axis=-1, keepdims=True)")


def call(m, z):
    return m.softmax(z), z


def call_shifted(m, z, c):
    return m.softmax(z), m.softmax(z + c)


def _softmax(z, axis=-1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _mistakes(z):
    """What the classic softmax mistakes return for z, computed here with trusted code."""
    out = {}
    with np.errstate(all="ignore"):
        if z.ndim >= 2:
            out["softmax over axis 0, down the batch — normalise each row, along the last axis (axis=-1)"] = _softmax(z, axis=0)
        if z.ndim >= 3:
            out["softmax over axis 1, which is the last axis only for 2-D input — use axis=-1"] = _softmax(z, axis=1)
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        out["divided by the sum of the whole array — sum each row only: e.sum(axis=-1, keepdims=True)"] = e / e.sum()
        try:
            e_bad = np.exp(z - z.max(axis=-1))
            out["z.max(axis=-1) without keepdims=True has shape (N,), so it is subtracted from the columns, "
                "not the rows — pass keepdims=True"] = e_bad / e_bad.sum(axis=-1, keepdims=True)
            out["the max and the sum both lack keepdims=True, so they line up with the columns, not the rows "
                "— pass keepdims=True to both"] = e_bad / e_bad.sum(axis=-1)
        except ValueError:  # shapes that do not broadcast: the learner's code raised too
            pass
        try:
            out["e.sum(axis=-1) without keepdims=True has shape (N,), so it divides the columns, not the rows "
                "— pass keepdims=True"] = e / e.sum(axis=-1)
        except ValueError:
            pass
    return out


def _expect_float64_array_of_shape(got, shape, name):
    expect_true(isinstance(got, np.ndarray) and got.shape == shape,
                f"{name} should be an array of shape {shape}, got {describe_type(got)}")
    expect_true(got.dtype == np.float64, f"{name} has dtype {got.dtype}, expected float64",
                "keep the computation in float64: no .astype(np.float32), no integer arrays")


# --- every input of the grade: (probe, *args) per part of the shared run, each array its own -------------

RUNS = {
    **{shape_id(s): (call, seeded(10 * len(s) + sum(s)).normal(scale=2.0, size=s)) for s in SHAPES},
    "single class": (call, seeded(1).normal(scale=3.0, size=(4, 1))),
    "probabilities": (call, seeded(2).normal(scale=3.0, size=(5, 8))),
    "shifted": (call_shifted, seeded(3).normal(size=(4, 6)), ROW_SHIFTS),
    "huge": (call, HUGE),
    "not modified": (call, seeded(4).normal(scale=2.0, size=(3, 5))),
}


def every_call(m):
    """Every call of the grade in one sandboxed run, each a part of its own."""
    return {name: guarded(m, probe, *args) for name, (probe, *args) in RUNS.items()}


def run(learner, name):
    """The part `name` of the shared run, and its z as the check has it, untouched."""
    return learner.part(every_call, name).value, RUNS[name][1]


@pytest.mark.parametrize("shape", SHAPES, ids=shape_id)
def test_matches_reference(learner, reference, shape):
    (got, _), z = run(learner, shape_id(shape))
    want, _ = reference.run(call, z)
    expect_float64_precision(got, name="softmax(z)")
    expect_array(got, want, name="softmax(z)", inputs={"z": z}, alternatives=_mistakes(z))


def test_single_class_gives_all_ones(learner):
    (got, _), z = run(learner, "single class")
    expect_array(got, np.ones((4, 1)), name="softmax(z) of a single class", inputs={"z": z}, alternatives=_mistakes(z))


def test_float64_rows_of_probabilities_summing_to_one(learner):
    (got, _), z = run(learner, "probabilities")
    _expect_float64_array_of_shape(got, z.shape, "softmax(z)")
    expect_true(bool(np.all((got >= 0) & (got <= 1))), "softmax(z) has entries outside [0, 1] (or NaN)",
                "every softmax output is a probability: exp(...) over a sum of exp(...) of the same row")
    expect_array(got.sum(axis=-1), np.ones(5), name="softmax(z).sum(axis=-1)", inputs={"z": z},
                 alternatives={"the columns sum to 1 instead of the rows — normalise along the last axis (axis=-1)":
                               _softmax(z, axis=0).sum(axis=-1)})


def test_adding_a_constant_to_a_row_changes_nothing(learner):
    (plain, shifted), z = run(learner, "shifted")
    _expect_float64_array_of_shape(plain, z.shape, "softmax(z)")
    try:
        expect_array(shifted, plain, name="softmax(z + c)", inputs={"z": z, "c": ROW_SHIFTS})
    except CheckFailed as failed:
        raise CheckFailed(failed.message + " — it should equal your softmax(z)",
                          failed.diagnosis + ("adding the same c to every logit of a row multiplies each exp by exp(c), "
                                              "which cancels: the row's softmax must not change",)) from None


def test_huge_logits_match_reference(learner, reference):
    (got, _), _ = run(learner, "huge")
    want, _ = reference.run(call, HUGE)
    name = "softmax(z) for logits of ±1e4"
    try:
        expect_array(got, want, name=name, inputs={"z": HUGE}, alternatives=_mistakes(HUGE))
    except CheckFailed as failed:
        with np.errstate(all="ignore"):
            e = np.exp(HUGE - HUGE.max())
            global_max = e / e.sum(axis=-1, keepdims=True)
        if isinstance(got, np.ndarray) and got.shape == HUGE.shape and np.allclose(got, global_max, equal_nan=True):
            kept = tuple(line for line in failed.diagnosis if not line.startswith("likely mistake:"))
            raise CheckFailed(failed.message, kept + (f"likely mistake: {GLOBAL_MAX}",)) from None
        if isinstance(got, np.ndarray) and got.shape == HUGE.shape and not np.all(np.isfinite(got)):
            raise CheckFailed(failed.message, failed.diagnosis + (
                "in float64 exp(1e4) is inf and exp(-1e4) is 0: subtract each row's max (z.max(axis=-1, keepdims=True)) "
                "before exp, so the largest exponent is exp(0) = 1",)) from None
        raise


def test_huge_logits_raise_no_warnings(learner):
    # A stable softmax of logits 2e4 apart computes exp(-2e4) = 0, which is exactly right: underflow is
    # not a mistake; only overflow, invalid values (0/0, inf/inf) and division by zero are.
    expect_no_warnings(learner.part(every_call, "huge"), name="softmax(z) for logits of ±1e4")


def test_input_not_modified(learner):
    (_, z_after), z = run(learner, "not modified")
    expect_unchanged(z, z_after, name="z")
