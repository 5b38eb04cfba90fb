"""Checks for cross_entropy_loss: the batch mean of -sum(y log p), one float, finite where p == 0, inputs unchanged.

Every call of the grade runs in one sandboxed process (`every_loss`), each input its own `guarded` part
with arrays of its own, so a cross_entropy_loss that raises on one input fails that input's checks only.
"""

import math

import numpy as np
import pytest

from quizprep.grading.api import (
    LOG_EPS_MAX,
    CheckFailed,
    describe_type,
    expect_scalar,
    expect_true,
    expect_unchanged,
    guarded,
    seeded,
    shape_id,
    within_tolerance,
)

# The stub accepts any eps up to LOG_EPS_MAX = 1e-7, added (log(p + eps)) or as a floor (clip(p, eps, 1)).
# -log(p + eps) differs from -log(p) by at most eps / p, and every probability these checks use on
# ordinary inputs is at least P_MIN = 0.05, so an accepted eps moves the loss by at most
# 1e-7 / 0.05 = 2e-6. CE_ATOL, 2.5 times that, leaves room for it; every real mistake (a factor of N
# or K, a flipped sign, the wrong log) moves the loss by 0.1 or more.
P_MIN = 0.05
CE_ATOL = 2.5 * LOG_EPS_MAX / P_MIN
CE_RTOL = 1e-7

# With p == 0 on the true class the loss of that example is -log(eps): 16.1 for eps = 1e-7, 18.4
# for 1e-8, 27.6 for 1e-12. Anything below 10 means the zero was dropped or hidden, not kept finite.
MIN_LOSS_AT_ZERO = 10.0

SHAPES = [(1, 3), (4, 3), (8, 5), (3, 10)]

NO_EPS = "likely mistake: no eps inside the log — use np.log(probs + 1e-8) or np.log(np.clip(probs, 1e-12, 1.0))"


def call(m, probs, y):
    return m.cross_entropy_loss(probs, y), probs, y


def _batch(n, k, seed):
    """N rows of probabilities, each at least 0.5 / K >= P_MIN, and one-hot labels."""
    rng = seeded(seed)
    e = np.exp(rng.normal(size=(n, k)))
    probs = 0.5 * e / e.sum(axis=1, keepdims=True) + 0.5 / k
    y = np.eye(k)[rng.integers(k, size=n)]
    return probs, y


def _ce(probs, y):
    return float(-np.sum(y * np.log(probs)) / probs.shape[0])


def _mistakes(probs, y):
    """What the classic cross-entropy mistakes return, computed here with trusted code."""
    n, k = probs.shape
    with np.errstate(all="ignore"):
        log_p = np.log(probs)
        want = -np.sum(y * log_p) / n
        return {
            "averaged over all N*K entries (np.mean of the (N, K) array) — sum over the classes of each example, "
            "then average over the N examples": want / k,
            "-log p summed over every class, not only the true one — multiply by y_onehot so only the true class counts":
                -np.sum(log_p) / n,
            "a base-10 logarithm — cross-entropy uses the natural log, np.log": want / np.log(10.0),
        }


def _context(probs, y):
    return {"probs": probs, "y_onehot": y}


def expect_loss(got, want, probs, y, *, name="cross_entropy_loss(probs, y_onehot)"):
    """Like expect_scalar, plus the two loss-specific diagnoses: per-example losses, and 0 * log(0)."""
    n = probs.shape[0]
    if isinstance(got, np.ndarray) and got.shape == (n,):
        per_example = bool(np.all(within_tolerance(got.mean(), want, rtol=CE_RTOL, atol=CE_ATOL)))
        raise CheckFailed(f"{name} should be one float, got {describe_type(got)}",
                          ("one number per example: those look like the per-example losses — average them over the batch (.mean())",)
                          if per_example else ("return the mean over the batch as one float",))
    if isinstance(got, float) and math.isnan(got) and np.any((probs == 0) & (y == 0)):
        raise CheckFailed(f"{name} is nan, expected {want:.6g}", (
            f"input probs: shape {probs.shape}, with a 0.0 for a class that is not the true one",
            "np.log(0.0) is -inf, and y * log(p) there is 0 * -inf = nan, which poisons the whole sum",
            NO_EPS,
        ))
    expect_scalar(got, want, name=name, rtol=CE_RTOL, atol=CE_ATOL, inputs=_context(probs, y), batch_size=n,
                  alternatives=_mistakes(probs, y))


HAND = {
    # -ln 0.7 for the one example; the mean of -ln 0.7 and -ln 0.6 for two
    "one_example": (np.array([[0.7, 0.2, 0.1]]), np.array([[1.0, 0.0, 0.0]]), -math.log(0.7)),
    "two_examples": (np.array([[0.7, 0.2, 0.1], [0.25, 0.15, 0.6]]), np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]),
                     -(math.log(0.7) + math.log(0.6)) / 2),
}


def _probs_with_a_zero():
    """A batch whose first row has a 0.0 on a wrong class, as hard predictions have."""
    probs, y = _batch(3, 4, seed=2)
    wrong = (int(np.argmax(y[0])) + 1) % 4
    probs[0, int(np.argmax(y[0]))] += probs[0, wrong]
    probs[0, wrong] = 0.0
    return probs, y


# --- every input of the grade: (probs, y_onehot) per part of the shared run, each array its own ----------

RUNS = {
    **{f"hand {case}": (probs.copy(), y.copy()) for case, (probs, y, _) in HAND.items()},
    **{f"reference {shape_id(s)}": _batch(*s, seed=sum(s)) for s in SHAPES},
    "python float": _batch(4, 3, seed=1),
    "zero on a wrong class": (np.array([[0.7, 0.3, 0.0], [0.0, 0.1, 0.9]]), np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])),
    "zero on the true class": (np.array([[0.0, 0.4, 0.6]]), np.array([[1.0, 0.0, 0.0]])),
    "not modified": _probs_with_a_zero(),
}


def every_loss(m):
    """Every call of the grade in one sandboxed run, each a part of its own."""
    return {name: guarded(m, call, *args) for name, args in RUNS.items()}


def run(learner, name):
    """The part `name` of the shared run, and its probs and y_onehot as the check has them, untouched."""
    return learner.part(every_loss, name).value, RUNS[name]


@pytest.mark.parametrize("case", list(HAND))
def test_matches_hand_computed_value(learner, case):
    (got, _, _), (probs, y) = run(learner, f"hand {case}")
    expect_loss(got, HAND[case][2], probs, y)


@pytest.mark.parametrize("shape", SHAPES, ids=shape_id)
def test_matches_reference(learner, reference, shape):
    (got, _, _), (probs, y) = run(learner, f"reference {shape_id(shape)}")
    assert probs.min() >= P_MIN  # the tolerance above relies on it
    want, _, _ = reference.run(call, probs, y)
    expect_loss(got, want, probs, y)


def test_returns_a_python_float(learner):
    (got, _, _), (probs, y) = run(learner, "python float")
    if isinstance(got, np.ndarray) and got.shape == (4,):
        expect_loss(got, _ce(probs, y), probs, y)
    expect_true(isinstance(got, float), f"cross_entropy_loss should return one float, got {describe_type(got)}",
                "np.sum or np.mean without an axis already give one number; return float(...) of it")


def test_zero_probability_on_a_wrong_class_is_not_nan(learner):
    (got, _, _), (probs, y) = run(learner, "zero on a wrong class")
    expect_loss(got, -(math.log(0.7) + math.log(0.9)) / 2, probs, y)


def test_zero_probability_on_the_true_class_gives_a_large_finite_loss(learner):
    (got, _, _), _ = run(learner, "zero on the true class")
    name = "cross_entropy_loss(probs, y_onehot) with probability 0 on the true class"
    if isinstance(got, np.ndarray) and got.size == 1:
        got = got.ravel()[0]
    expect_true(isinstance(got, (float, np.floating)), f"{name} should be a float, got {describe_type(got)}")
    expect_true(math.isfinite(got), f"{name} is {got}, expected a large but finite number",
                "the true class has probability 0 and np.log(0.0) is -inf", NO_EPS)
    expect_true(got > MIN_LOSS_AT_ZERO, f"{name} is {float(got):.6g}, expected a large positive loss, -log(eps) (18.4 for eps = 1e-8)",
                "giving the true class probability 0 is as wrong as a prediction can be: the term must stay in the sum, "
                "as -log(eps), not be dropped or flipped")


def test_inputs_not_modified(learner):
    (_, probs_after, y_after), (probs, y) = run(learner, "not modified")
    expect_unchanged(probs, probs_after, name="probs")
    expect_unchanged(y, y_after, name="y_onehot")
