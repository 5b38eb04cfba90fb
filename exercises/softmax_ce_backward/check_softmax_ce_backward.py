"""Checks for softmax_cross_entropy_backward: (softmax(z) - y) / N, against finite differences of the mean loss.

Every call of the grade runs in one sandboxed process (`every_gradient`), each input its own `guarded`
part with arrays of its own (the value and the warnings checks on logits of ±1e4 read one part), so a
softmax_cross_entropy_backward that raises on one input fails that input's checks only.
"""

import numpy as np
import pytest

from quizprep.grading.api import (
    CheckFailed,
    describe_type,
    expect_array,
    expect_float64_precision,
    expect_gradient,
    expect_no_warnings,
    expect_true,
    expect_unchanged,
    guarded,
    likely_mistake,
    numerical_gradient,
    seeded,
    shape_id,
)

# A batch of one, then N != K everywhere, so "divided by K" and "divided by N" give different numbers.
SHAPES = [(1, 3), (4, 3), (5, 7), (3, 10)]
FD_SHAPES = [(1, 4), (3, 5)]

# Logits of ±1e4. Row 0 puts probability 1 on class 0 and exactly 0 (after underflow) on class 2,
# which is the true class; row 3 likewise gives its true class 0. Going through dL/dp = -y / p
# divides by those zeros; a softmax without the max-subtraction overflows in rows 0, 2 and 3.
LARGE = np.array([[1e4, 0.0, -1e4],
                  [-1e4, -1e4 + 1.0, -1e4 + 3.0],
                  [5e3, 5e3, 5e3 - 1.0],
                  [-1e4, 1e4, 2.0]])
LARGE_Y = np.eye(3)[[2, 0, 1, 0]]

# Comparing the learner's gradient with the finite-difference one (accurate to ~1e-9 relative on
# these inputs) to name a mistake: loose enough for that noise, far tighter than any mistake.
MISTAKE_RTOL = 1e-5
MISTAKE_ATOL = 1e-8


def call(m, logits, y):
    return m.softmax_cross_entropy_backward(logits, y), logits, y


def _softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def mean_cross_entropy(logits, y):
    """The loss being differentiated, from the logits via a stable log-softmax (trusted)."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-np.sum(y * log_p) / logits.shape[0])


def _batch(shape, seed):
    rng = seeded(seed)
    n, k = shape
    return rng.normal(size=shape), np.eye(k)[rng.integers(k, size=n)]


def _mistakes(logits, y):
    """What the classic mistakes in this gradient return, computed here with trusted code."""
    n, k = logits.shape
    with np.errstate(all="ignore"):
        p = _softmax(logits)
        return {
            "divided by the number of classes K instead of the batch size N — the loss is a mean over the N examples":
                (p - y) / k,
            "y_onehot was never subtracted — the gradient is softmax(logits) - y_onehot, then / N": p / n,
            "only the diagonal of the softmax Jacobian, p * (1 - p), was used — the off-diagonal terms -p_j * p_k "
            "matter too; together they give softmax(logits) - y_onehot": -y * (1 - p) / n,
            "y_onehot was subtracted from the logits, not from softmax(logits)": (logits - y) / n,
        }


def _doubled(shape, seed):
    logits, y = _batch(shape, seed)
    logits *= 2.0
    return logits, y


# --- every input of the grade: (logits, y_onehot) per part of the shared run, each array its own ---------

RUNS = {
    **{f"finite differences {shape_id(s)}": _batch(s, seed=sum(s)) for s in FD_SHAPES},
    **{f"reference {shape_id(s)}": _doubled(s, seed=10 + sum(s)) for s in SHAPES},
    "row sums": _batch((6, 4), seed=1),
    "large": (LARGE, LARGE_Y),
    "not modified": _batch((3, 4), seed=2),
}


def every_gradient(m):
    """Every call of the grade in one sandboxed run, each a part of its own."""
    return {name: guarded(m, call, *args) for name, args in RUNS.items()}


def run(learner, name):
    """The part `name` of the shared run, and its logits and y_onehot as the check has them, untouched."""
    return learner.part(every_gradient, name).value, RUNS[name]


@pytest.mark.parametrize("shape", FD_SHAPES, ids=shape_id)
def test_matches_finite_differences(learner, shape):
    (got, _, _), (logits, y) = run(learner, f"finite differences {shape_id(shape)}")
    numeric = numerical_gradient(lambda z: mean_cross_entropy(z, y), logits.copy())
    try:
        expect_gradient(got, numeric, name="d loss / d logits")
    except CheckFailed as failed:
        mistake = None
        if isinstance(got, np.ndarray) and got.shape == numeric.shape and got.dtype.kind == "f":
            mistake = likely_mistake(got, numeric, batch_size=shape[0], alternatives=_mistakes(logits, y),
                                     rtol=MISTAKE_RTOL, atol=MISTAKE_ATOL)
        raise CheckFailed(failed.message, (f"input logits: shape {shape}, the loss is the mean cross-entropy over the batch",)
                          + failed.diagnosis + ((f"likely mistake: {mistake}",) if mistake else ())) from None


@pytest.mark.parametrize("shape", SHAPES, ids=shape_id)
def test_matches_reference(learner, reference, shape):
    (got, _, _), (logits, y) = run(learner, f"reference {shape_id(shape)}")
    want, _, _ = reference.run(call, logits, y)
    expect_float64_precision(got, name="softmax_cross_entropy_backward(logits, y_onehot)")
    expect_array(got, want, name="softmax_cross_entropy_backward(logits, y_onehot)", inputs={"logits": logits, "y_onehot": y},
                 batch_size=shape[0], alternatives=_mistakes(logits, y))


def test_returns_float64_rows_summing_to_zero(learner):
    (got, _, _), (logits, y) = run(learner, "row sums")
    expect_true(isinstance(got, np.ndarray) and got.shape == logits.shape,
                f"the gradient should be an array of shape {logits.shape}, got {describe_type(got)}")
    expect_true(got.dtype == np.float64, f"the gradient has dtype {got.dtype}, expected float64",
                "keep the computation in float64: no .astype(np.float32), no integer arrays")
    try:
        expect_array(got.sum(axis=1), np.zeros(6), name="the gradient's row sums, .sum(axis=1)")
    except CheckFailed as failed:
        raise CheckFailed(failed.message, failed.diagnosis + (
            "each row of softmax(logits) sums to 1 and so does each row of y_onehot, so each row of the gradient sums to 0",)) from None


def test_large_logits_stay_finite_without_warnings(learner, reference):
    result = learner.part(every_gradient, "large")
    got = result.value[0]
    want, _, _ = reference.run(call, LARGE, LARGE_Y)
    try:
        expect_array(got, want, name="the gradient for logits of ±1e4", inputs={"logits": LARGE, "y_onehot": LARGE_Y},
                     batch_size=LARGE.shape[0], alternatives=_mistakes(LARGE, LARGE_Y))
    except CheckFailed as failed:
        if isinstance(got, np.ndarray) and got.shape == want.shape and not np.all(np.isfinite(got)):
            raise CheckFailed(failed.message, failed.diagnosis + (
                "two usual causes: exp(1e4) overflows (use the given stable softmax), or dividing by a probability that "
                "underflowed to 0 (dL/dp = -y / p); the combined (softmax(logits) - y_onehot) / N does neither",)) from None
        raise
    # exp(-2e4) underflowing to 0 is a stable softmax's right answer; only overflow, 0/0 and x/0 count
    expect_no_warnings(result, name="the gradient for logits of ±1e4")


def test_inputs_not_modified(learner):
    (_, logits_after, y_after), (logits, y) = run(learner, "not modified")
    expect_unchanged(logits, logits_after, name="logits")
    expect_unchanged(y, y_after, name="y_onehot")
