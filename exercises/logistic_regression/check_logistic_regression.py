"""Checks for logistic_regression: the mean binary cross-entropy of logits, exact and warning-free for
|z| up to 1e4; its gradient (sigmoid(z) - y) / N; and full-batch gradient descent from zero.

Every number here comes from formulas written in this file (np.logaddexp for the loss, a tanh-based
sigmoid, a gradient-descent loop on an augmented [X, 1] matrix), never from the reference. The learner's
code runs once per grade, on every input (`run_once`); the warnings raised by the loss and by the
gradient at |z| = 1e4 are recorded apart, so a warning is pinned on the function that raised it.
"""

import warnings

import numpy as np
import pytest

from quizprep.grading.api import (
    LOG_EPS_MAX,
    CallResult,
    CheckFailed,
    expect_array,
    expect_gradient,
    expect_no_warnings,
    expect_true,
    expect_unchanged,
    numerical_gradient,
    seeded,
    within_tolerance,
)

# ---- inputs ----

# Ordinary logits are drawn from [-Z_MAX, Z_MAX]: there the contract does not ask for exactness, and a
# loss may take log(p + eps) or clip p to [eps, 1 - eps] with any eps up to LOG_EPS_MAX. -log(p + eps)
# differs from -log(p) by at most eps / p, where p is the probability given to the true label, at least
# sigmoid(-Z_MAX) = 0.018 > P_MIN (asserted where the inputs are made); clipping changes nothing there.
# So an accepted eps moves the mean loss by at most 1e-7 / 0.015 = 6.7e-6, and LOSS_ATOL is twice that.
# Every named mistake (a sum, swapped labels) moves the loss by 0.05 or more (asserted), a flipped sign by twice the loss.
Z_MAX = 4.0
P_MIN = 0.015
LOSS_ATOL = 2 * LOG_EPS_MAX / P_MIN


def _loss_case(n, seed, int_labels=False):
    rng = seeded(seed)
    z = rng.uniform(-Z_MAX, Z_MAX, size=n)
    y = rng.integers(0, 2, size=n)
    return z, (y if int_labels else y.astype(np.float64))


LOSS_CASES = {"N1": _loss_case(1, 1), "N5": _loss_case(5, 2), "N12": _loss_case(12, 3), "N7_int_labels": _loss_case(7, 4, True)}
FD_KEYS = ["N1", "N5", "N12"]

# |z| = 1e4 on both sides, with both labels, and |z| = 50, where sigmoid(z) already rounds to 1.0. An
# example with z = 1e4 and y = 0 (or z = -1e4 and y = 1) costs exactly 1e4; clipping p caps it at
# -log(eps), and log(sigmoid(z)) is log(0) = -inf.
EXTREME_Z = np.array([1e4, -1e4, 1e4, -1e4, 50.0, -50.0, 2.0, -1.0])
EXTREME_Y = np.array([0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0])


def _fit_data(n, d, seed, int_labels=False):
    rng = seeded(seed)
    X = rng.normal(size=(n, d))
    y = (X @ rng.normal(size=d) + 0.5 * rng.normal(size=n) > 0).astype(np.int64)
    return X, (y if int_labels else y.astype(np.float64))


# (data, lr, steps); lr None means the defaults, called as fit_logistic_regression(X, y)
DEFAULT_LR, DEFAULT_STEPS = 0.1, 100
FIT_CASES = {
    "defaults": (_fit_data(20, 3, 10), None, None),
    "lr0.5_steps7": (_fit_data(20, 3, 10), 0.5, 7),
    "one_step": (_fit_data(6, 4, 11), 0.1, 1),
    "N1_D2": (_fit_data(1, 2, 12), 0.3, 25),
    "D1_int_labels": (_fit_data(9, 1, 13, True), 0.2, 40),
    "no_steps": (_fit_data(5, 3, 14), 0.1, 0),
}

# Two correct fits differ only by rounding (~1e-16 per operation). Gradient descent on this convex loss,
# with every lr here far below 2 / (its curvature), shrinks an error in (w, b) instead of amplifying it,
# so a perturbation of size d in every step's gradient moves the result by at most about lr * steps * d.
# FIT_RTOL absorbs a perturbation of 1e-7 (LOG_EPS_MAX) in every probability, the largest an eps could
# cause: on "defaults" it moves w by 1.1e-7 relative and b, whose gradient is the plain mean of those
# probabilities, by 0.1 * 100 * 1e-7 = 1e-6 absolute, 2.8e-6 relative (asserted in the check). FIT_ATOL
# covers entries that are exactly 0 (no steps). The nearest mistake, one step too many, moves w by 6e-3
# relative or more, hundreds of times FIT_RTOL (asserted too).
FIT_RTOL = 1e-5
FIT_ATOL = 1e-9


# ---- trusted arithmetic ----

def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # never overflows, exact to rounding


def _mean_bce(z, y):
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def _gd(X, y, lr, steps, *, mean=True, b_mode="mean", sign=1.0, nudge=0.0, b_sign=1.0, sequential=False):
    """Gradient descent on theta = [w, b] with an augmented [X, 1]; or what one classic mistake does instead."""
    n = X.shape[0]
    A = np.hstack([X, np.ones((n, 1))])
    theta = np.zeros(A.shape[1])
    for _ in range(steps):
        r = _sigmoid(A @ theta) + nudge - y
        step = A.T @ r / (n if mean else 1)
        if b_mode == "none":
            step[-1] = 0.0
        elif b_mode == "sum":
            step[-1] = r.sum()
        elif b_mode == "over_n2":
            step[-1] = r.sum() / n**2
        step[-1] *= b_sign
        if sequential:  # w moves first, then b's gradient is taken at the new w
            theta[:-1] = theta[:-1] - sign * lr * step[:-1]
            step[-1] = b_sign * np.mean(_sigmoid(A @ theta) + nudge - y)
            theta[-1] = theta[-1] - sign * lr * step[-1]
        else:
            theta = theta - sign * lr * step
    return theta[:-1], float(theta[-1])


def _fit_mistakes(X, y, lr, steps, explicit):
    out = {
        "the gradient is not divided by N — the loss is a mean, so its gradient for w and b carries 1/N": _gd(X, y, lr, steps, mean=False),
        "b is never updated — b takes a step too, by lr times the mean of (sigmoid(z) - y)": _gd(X, y, lr, steps, b_mode="none"),
        "b is updated with the SUM of the per-example gradients while w uses the mean — both come from the mean loss":
            _gd(X, y, lr, steps, b_mode="sum"),
        "b is updated with the mean of a gradient already divided by N (1/N twice) — b's step is lr times the mean "
        "of (sigmoid(z) - y), once": _gd(X, y, lr, steps, b_mode="over_n2"),
        "b steps uphill while w steps downhill — both subtract lr times their gradient": _gd(X, y, lr, steps, b_sign=-1.0),
        "b's gradient was computed after w had already moved — compute both gradients from the same w and b, then "
        "update both": _gd(X, y, lr, steps, sequential=True),
        "the steps go uphill — gradient descent subtracts lr times the gradient": _gd(X, y, lr, steps, sign=-1.0),
        f"one step too many ({steps + 1}) — take exactly `steps` steps": _gd(X, y, lr, steps + 1),
    }
    if steps > 0:
        out[f"one step too few ({steps - 1}) — take exactly `steps` steps"] = _gd(X, y, lr, steps - 1)
    if explicit:
        out["lr and steps are ignored: the result is that of lr=0.1, steps=100 — use the arguments passed in"] = \
            _gd(X, y, DEFAULT_LR, DEFAULT_STEPS)
    return out


# ---- probes: they run in the learner's process ----

def ordinary(m):
    out = {"loss": {}, "grad": {}, "fit": {}}
    for key, (z, y) in LOSS_CASES.items():
        out["loss"][key] = m.bce_with_logits(z, y)
        out["grad"][key] = m.bce_with_logits_grad(z, y)
        out[key] = (z, y)
    for key, ((X, y), lr, steps) in FIT_CASES.items():
        out["fit"][key] = m.fit_logistic_regression(X, y) if lr is None else m.fit_logistic_regression(X, y, lr=lr, steps=steps)
        out[key] = (X, y)
    X, y = FIT_CASES["defaults"][0]
    again = []
    for seed in (1, 2):  # a fit that starts from random numbers gives two different answers here
        np.random.seed(seed)
        again.append(m.fit_logistic_regression(X, y))
    out["again"] = again
    out["extreme loss"] = _recording_warnings(m.bce_with_logits, EXTREME_Z, EXTREME_Y)
    out["extreme grad"] = _recording_warnings(m.bce_with_logits_grad, EXTREME_Z, EXTREME_Y)
    return out


def _recording_warnings(fn, *args):
    """fn(*args) and the warnings it raised, kept apart from the rest of the run (the grader's numpy settings stay)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = fn(*args)
    return value, [f"{w.category.__name__}: {w.message}" for w in caught]


def extreme(learner, which) -> CallResult:
    value, warned = learner.run_once(ordinary)[which]
    return CallResult(value, list(warned))




# ---- the loss ----

def _loss_mistakes(z, y):
    n = z.shape[0]
    want = _mean_bce(z, y)
    out = {"the loss of the labels swapped — y goes with log(sigmoid(z)), 1 - y with log(1 - sigmoid(z))": _mean_bce(z, 1 - y),
           "the z * y term has the wrong sign — the per-example loss is softplus(z) - z * y":
               float(np.mean(np.logaddexp(0.0, z) + y * z))}
    if n > 1:
        out["the loss is summed over the examples — return the mean (divide by N)"] = want * n
    return {k: np.asarray(v) for k, v in out.items()}


@pytest.mark.parametrize("key", list(LOSS_CASES))
def test_loss_matches_the_formula(learner, key):
    z, y = LOSS_CASES[key]
    assert np.min(np.where(y == 1, _sigmoid(z), 1 - _sigmoid(z))) > P_MIN  # LOSS_ATOL relies on it
    mistakes = _loss_mistakes(z, y)
    assert all(abs(float(v) - _mean_bce(z, y)) > 100 * LOSS_ATOL for v in mistakes.values())
    got = learner.run_once(ordinary)["loss"][key]
    expect_array(got, np.asarray(_mean_bce(z, y)), name="bce_with_logits(z, y)", inputs={"z": z, "y": y}, atol=LOSS_ATOL,
                 batch_size=z.shape[0], alternatives=mistakes)


def test_loss_is_exact_at_logits_of_1e4(learner):
    got = extreme(learner, "extreme loss").value
    want = _mean_bce(EXTREME_Z, EXTREME_Y)
    name = "bce_with_logits(z, y) with z = [1e4, -1e4, 1e4, -1e4, 50, -50, 2, -1]"
    try:
        expect_array(got, np.asarray(want), name=name, inputs={"z": EXTREME_Z, "y": EXTREME_Y},
                     alternatives=_loss_mistakes(EXTREME_Z, EXTREME_Y))
    except CheckFailed as failed:
        value = np.asarray(got, dtype=np.float64) if isinstance(got, (float, np.floating, np.ndarray)) else None
        more = ()
        if value is not None and value.size == 1 and not np.isfinite(value).all():
            more = ("likely mistake: the log of a probability that rounded to 0 — sigmoid(-1e4) is 0.0 in float64, and log(0) is "
                    "-inf; write the loss from z directly, without computing sigmoid(z) first",)
        elif value is not None and value.size == 1 and float(value.ravel()[0]) < want / 2:
            more = ("likely mistake: the probabilities were clipped (or an eps added inside the log), which caps each example's "
                    "loss at -log(eps), about 16 to 35 — but z = 1e4 with y = 0 truly costs 1e4. Write the loss from z directly",)
        raise CheckFailed(failed.message, failed.diagnosis + more) from None


def test_loss_raises_no_warning_at_logits_of_1e4(learner):
    expect_no_warnings(extreme(learner, "extreme loss"), name="bce_with_logits(z, y) with |z| = 1e4", extra=(
        "exp(1e4) overflows even where np.where would then pick the other branch: np.where computes both — "
        "only exp(-|z|) is safe",))


# ---- the gradient ----

def _grad_mistakes(z, y):
    n = z.shape[0]
    p = _sigmoid(z)
    out = {"the sign is flipped — (y - sigmoid(z)) / N points uphill; the loss's gradient is its negative": (y - p) / n,
           "an extra factor sigmoid(z) * (1 - sigmoid(z)) — the log's derivative already cancels the sigmoid's; "
           "per example the gradient is just sigmoid(z) - y": (p - y) * p * (1 - p) / n}
    if n > 1:
        out["missing / N — the loss is a mean over the N examples, so its gradient is divided by N too"] = p - y
    return out


@pytest.mark.parametrize("key", list(LOSS_CASES))
def test_grad_matches_the_formula(learner, key):
    z, y = LOSS_CASES[key]
    got = learner.run_once(ordinary)["grad"][key]
    expect_array(got, (_sigmoid(z) - y) / z.shape[0], name="bce_with_logits_grad(z, y)", inputs={"z": z, "y": y},
                 batch_size=z.shape[0], alternatives=_grad_mistakes(z, y))


@pytest.mark.parametrize("key", FD_KEYS)
def test_grad_matches_finite_differences(learner, key):
    z, y = LOSS_CASES[key]
    got = learner.run_once(ordinary)["grad"][key]
    numeric = numerical_gradient(lambda v: _mean_bce(v, y), z.copy())
    expect_gradient(got, numeric, name="bce_with_logits_grad(z, y)", batch_size=z.shape[0], alternatives=_grad_mistakes(z, y))


def test_grad_is_exact_at_logits_of_1e4(learner):
    got = extreme(learner, "extreme grad").value
    expect_array(got, (_sigmoid(EXTREME_Z) - EXTREME_Y) / EXTREME_Z.shape[0],
                 name="bce_with_logits_grad(z, y) with z = [1e4, -1e4, 1e4, -1e4, 50, -50, 2, -1]",
                 inputs={"z": EXTREME_Z, "y": EXTREME_Y}, batch_size=EXTREME_Z.shape[0], alternatives=_grad_mistakes(EXTREME_Z, EXTREME_Y),
                 extra=("sigmoid(z) is exactly 0.0 or 1.0 in float64 at |z| = 1e4, and the gradient there is exactly 0 or ±1/N",))


def test_grad_raises_no_warning_at_logits_of_1e4(learner):
    expect_no_warnings(extreme(learner, "extreme grad"), name="bce_with_logits_grad(z, y) with |z| = 1e4", extra=(
        "1 / (1 + np.exp(-z)) overflows at z = -1e4: compute sigmoid from exp(-|z|), which never exceeds 1",))


# ---- the fit ----

def test_fit_starts_from_zero_every_time(learner):
    got = learner.run_once(ordinary)["again"]
    same = all(isinstance(r, (tuple, list)) and len(r) == 2 for r in got) and \
        np.array_equal(np.asarray(got[0][0], dtype=np.float64), np.asarray(got[1][0], dtype=np.float64)) and \
        float(got[0][1]) == float(got[1][1])
    expect_true(same, "two calls of fit_logistic_regression(X, y) with the same X and y returned different (w, b)",
                "likely mistake: w starts from random numbers — gradient descent here starts from w = np.zeros(D) and b = 0.0")


@pytest.mark.parametrize("key", list(FIT_CASES))
def test_fit_matches_gradient_descent(learner, key):
    (X, y), lr, steps = FIT_CASES[key]
    explicit = lr is not None
    lr, steps = (lr, steps) if explicit else (DEFAULT_LR, DEFAULT_STEPS)
    got = learner.run_once(ordinary)["fit"][key]
    want_w, want_b = _gd(X, y, lr, steps)
    def close(a, b):
        return bool(np.all(within_tolerance(a, b, FIT_RTOL, FIT_ATOL)))

    if steps > 0:  # FIT_RTOL lies far below the nearest mistake's distance...
        assert np.max(np.abs(_gd(X, y, lr, steps + 1)[0] - want_w) / np.abs(want_w)) > 100 * FIT_RTOL
    nudged_w, nudged_b = _gd(X, y, lr, steps, nudge=LOG_EPS_MAX)
    assert close(nudged_w, want_w) and close(nudged_b, want_b)  # ...and above what a 1e-7 nudge does
    call = "fit_logistic_regression(X, y)" if not explicit else f"fit_logistic_regression(X, y, lr={lr}, steps={steps})"
    expect_true(isinstance(got, (tuple, list)) and len(got) == 2, f"{call} should return a pair (w, b), got {type(got).__name__}")
    mistakes = _fit_mistakes(X, y, lr, steps, explicit)
    w, b = got
    expect_array(w, want_w, name=f"w from {call}", inputs={"X": X}, rtol=FIT_RTOL, atol=FIT_ATOL,
                 alternatives={k: v[0] for k, v in mistakes.items()})
    if isinstance(b, np.ndarray) and b.shape == (1,):
        raise CheckFailed(f"b from {call} should be one float, got an array of shape (1,)", ("start from b = 0.0, not np.zeros(1)",))
    expect_array(b, np.asarray(want_b), name=f"b from {call}", rtol=FIT_RTOL, atol=FIT_ATOL,
                 alternatives={k: np.asarray(v[1]) for k, v in mistakes.items()})


def test_inputs_not_modified(learner):
    got = learner.run_once(ordinary)
    for key, (z, y) in LOSS_CASES.items():
        expect_unchanged(z, got[key][0], name="z")
        expect_unchanged(y, got[key][1], name="y")
    for key, ((X, y), _, _) in FIT_CASES.items():
        expect_unchanged(X, got[key][0], name="X")
        expect_unchanged(y, got[key][1], name="y")
