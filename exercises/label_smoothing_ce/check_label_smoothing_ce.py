"""Checks for label_smoothing_ce: the mean cross-entropy of softmax(logits) against
q = (1 - s) * onehot + s / C, and its gradient (softmax - q) / N, exact at logits of 1e4.

The expected numbers come from this file's own arithmetic (np.logaddexp.reduce for the log-sum-exp,
finite differences for the gradient), not from the reference. The learner's function runs once per
grade, on every input below (`call_once`), and every check reads its part of that run.
"""

import numpy as np
import pytest

from quizprep.grading.api import (
    LOG_EPS_MAX,
    CheckFailed,
    describe_type,
    expect_array,
    expect_gradient,
    expect_no_warnings,
    expect_unchanged,
    numerical_gradient,
    seeded,
)

# Ordinary inputs: standard normal logits. On them the contract does not ask for exactness, and a
# log(p + eps) with eps up to LOG_EPS_MAX moves -log p_c by at most eps / p_c; with smoothing every class
# enters the loss (weights q_c summing to 1), so the loss moves by at most eps / (the smallest p over
# all classes), and every probability here is at least P_MIN (asserted where the inputs are made):
# 1e-7 / 0.0015 = 6.7e-5, and LOSS_ATOL is twice that. At logits of ±1e4 (EXTREME) the loss must be
# exact: there the same eps turns a true -log p of 2e4 into 16. Every named mistake moves the loss on
# the ordinary inputs by 1.9e-3 or more, over ten times LOSS_ATOL (asserted too); a mistake the loss
# cannot see still shows in the gradient, which is checked at the default tolerance.
P_MIN = 0.0015
LOSS_ATOL = 2 * LOG_EPS_MAX / P_MIN

# (N, C, smoothing): a batch of one, C = 2, and N != C, so a factor of N and one of C tell apart
CASES = {"N1_C4_s0.1": (1, 4, 0.1), "N4_C3_s0.1": (4, 3, 0.1), "N5_C7_s0.2": (5, 7, 0.2), "N3_C10_s0.1": (3, 10, 0.1),
         "N6_C2_s0.3": (6, 2, 0.3), "N4_C5_s0": (4, 5, 0.0)}
FD_KEYS = ["N1_C4_s0.1", "N4_C3_s0.1", "N6_C2_s0.3"]


def _case(n, c, seed):
    rng = seeded(seed)
    return rng.normal(size=(n, c)), rng.integers(c, size=n)


INPUTS = {key: (*_case(n, c, seed), s) for seed, (key, (n, c, s)) in enumerate(CASES.items())}
# called with the default smoothing, label_smoothing_cross_entropy(logits, targets)
DEFAULT_LOGITS, DEFAULT_TARGETS = _case(5, 4, 50)

# Logits of ±1e4. Row 0 gives its true class (2) probability exactly 0 after underflow and row 3
# gives it to class 0; with smoothing every class of every row carries weight s / C, so log p of
# -2e4 enters the loss. A softmax without the max subtracted overflows in rows 0, 2 and 3.
EXTREME = np.array([[1e4, 0.0, -1e4],
                    [-1e4, -1e4 + 1.0, -1e4 + 3.0],
                    [5e3, 5e3, 5e3 - 1.0],
                    [-1e4, 1e4, 2.0]])
EXTREME_TARGETS = np.array([2, 0, 1, 0])
EXTREME_S = 0.1


# ---- trusted arithmetic ----

def _q(targets, c, s, *, mode="pytorch"):
    """The smoothed targets, or what one classic mistake builds instead."""
    n = len(targets)
    hot = np.zeros((n, c))
    hot[np.arange(n), targets] = 1.0
    if mode == "pytorch":
        return (1 - s) * hot + s / c
    if mode == "c_minus_1":
        return (1 - s) * hot + (1 - hot) * s / (c - 1)
    if mode == "others_only":
        return (1 - s) * hot + (1 - hot) * s / c
    if mode == "unscaled":
        return hot + s / c
    if mode == "no_div_c":
        return (1 - s) * hot + s
    return hot  # "onehot"


def _log_softmax(z):
    return z - np.logaddexp.reduce(z, axis=1, keepdims=True)


def _loss(z, targets, s, mode="pytorch"):
    return float(-np.sum(_q(targets, z.shape[1], s, mode=mode) * _log_softmax(z)) / z.shape[0])


def _grad(z, targets, s, mode="pytorch"):
    return (np.exp(_log_softmax(z)) - _q(targets, z.shape[1], s, mode=mode)) / z.shape[0]


C_MINUS_1 = ("smoothing / (C - 1) on the other classes — that is another convention: PyTorch spreads smoothing over "
             "all C classes, including the target: q = (1 - smoothing) * onehot + smoothing / C")
OTHERS_ONLY = "smoothing / C went to the other classes only — the target class gets its smoothing / C too, on top of 1 - smoothing"
NO_DIV_C = ("every class got smoothing, not smoothing / C — in (1 - s) * NLL + s * (smoothing term), the smoothing term is "
            "the MEAN of -log p over the C classes, not their sum")
UNSCALED = "the one-hot part was not scaled by (1 - smoothing) — q must sum to 1: (1 - smoothing) * onehot + smoothing / C"


PER_ENTRY_MEAN = ("divided by N * C, a mean over every entry of the (N, C) array — sum over the classes, then take "
                  "the mean over the N examples only")


def _loss_mistakes(z, targets, s):
    n = z.shape[0]
    out = {}
    if s > 0:
        out |= {C_MINUS_1: _loss(z, targets, s, "c_minus_1"), OTHERS_ONLY: _loss(z, targets, s, "others_only"),
                UNSCALED: _loss(z, targets, s, "unscaled"), NO_DIV_C: _loss(z, targets, s, "no_div_c"),
                "the smoothing was left out — the loss is taken against q, not the one-hot targets": _loss(z, targets, s, "onehot")}
    if n > 1:
        out["the loss is summed over the batch — return the mean (divide by N)"] = _loss(z, targets, s) * n
    out[PER_ENTRY_MEAN] = _loss(z, targets, s) / z.shape[1]
    return {k: np.asarray(v) for k, v in out.items()}


def _grad_mistakes(z, targets, s):
    n = z.shape[0]
    out = {}
    if s > 0:
        out |= {C_MINUS_1: _grad(z, targets, s, "c_minus_1"), OTHERS_ONLY: _grad(z, targets, s, "others_only"),
                UNSCALED: _grad(z, targets, s, "unscaled"), NO_DIV_C: _grad(z, targets, s, "no_div_c"),
                "the gradient ignores the smoothing (softmax - onehot) — it is softmax minus the smoothed target q":
                    _grad(z, targets, s, "onehot")}
    if n > 1:
        out["missing / N — the loss is a mean over the batch, so its gradient is divided by N too"] = _grad(z, targets, s) * n
    out[PER_ENTRY_MEAN] = _grad(z, targets, s) / z.shape[1]
    return out


# ---- the probe: it runs in the learner's process ----

def every_input(m):
    out = {}
    for key, (z, t, s) in INPUTS.items():
        out[key] = (m.label_smoothing_cross_entropy(z, t, s), z, t)
    out["default"] = (m.label_smoothing_cross_entropy(DEFAULT_LOGITS, DEFAULT_TARGETS), DEFAULT_LOGITS, DEFAULT_TARGETS)
    out["extreme"] = (m.label_smoothing_cross_entropy(EXTREME, EXTREME_TARGETS, EXTREME_S), EXTREME, EXTREME_TARGETS)
    return out


def result_of(learner, key):
    """(loss, dlogits) for one input, after checking the pair's form."""
    got = learner.call_once(every_input).value[key][0]
    if not (isinstance(got, (tuple, list)) and len(got) == 2):
        raise CheckFailed(f"label_smoothing_cross_entropy should return a pair (loss, dlogits), got {describe_type(got)}")
    return got


def _call(key):
    if key == "default":
        return "label_smoothing_cross_entropy(logits, targets)"
    s = EXTREME_S if key == "extreme" else INPUTS[key][2]
    return f"label_smoothing_cross_entropy(logits, targets, smoothing={s})"


# ---- the loss ----

@pytest.mark.parametrize("key", list(INPUTS))
def test_loss_matches_an_independent_computation(learner, key):
    z, t, s = INPUTS[key]
    assert np.exp(_log_softmax(z)).min() > P_MIN  # LOSS_ATOL relies on it
    mistakes = _loss_mistakes(z, t, s)
    assert all(abs(float(v) - _loss(z, t, s)) > 10 * LOSS_ATOL for v in mistakes.values())
    loss, _ = result_of(learner, key)
    expect_array(loss, np.asarray(_loss(z, t, s)), name=f"the loss from {_call(key)}", inputs={"logits": z, "targets": t},
                 atol=LOSS_ATOL, batch_size=z.shape[0], alternatives=mistakes)


def test_loss_is_exact_at_logits_of_1e4(learner):
    loss, _ = result_of(learner, "extreme")
    want = _loss(EXTREME, EXTREME_TARGETS, EXTREME_S)
    try:
        expect_array(loss, np.asarray(want), name=f"the loss from {_call('extreme')} with logits of ±1e4",
                     inputs={"logits": EXTREME, "targets": EXTREME_TARGETS},
                     alternatives=_loss_mistakes(EXTREME, EXTREME_TARGETS, EXTREME_S))
    except CheckFailed as failed:
        value = np.asarray(loss, dtype=np.float64) if isinstance(loss, (float, np.floating, np.ndarray)) else None
        more = ()
        if value is not None and value.size == 1 and np.isfinite(value).all() and float(value.ravel()[0]) < want / 2:
            more = ("likely mistake: the log of a probability with an eps (log(p + eps), or p clipped): a probability that "
                    "rounds to 0 then costs -log(eps), about 16 to 35, instead of its true 2e4 — compute log_softmax directly, "
                    "logits minus their log-sum-exp",)
        elif value is not None and value.size == 1 and not np.isfinite(value).all():
            more = ("likely mistake: exp of a large logit overflowed, or log(0) of an underflowed probability — subtract each "
                    "row's max before exp, and take log_softmax as logits minus their log-sum-exp, never log(softmax)",)
        raise CheckFailed(failed.message, failed.diagnosis + more) from None


# ---- the gradient ----

@pytest.mark.parametrize("key", [*INPUTS, "extreme"])
def test_gradient_matches_the_formula(learner, key):
    z, t, s = INPUTS[key] if key != "extreme" else (EXTREME, EXTREME_TARGETS, EXTREME_S)
    _, dlogits = result_of(learner, key)
    expect_array(dlogits, _grad(z, t, s), name=f"dlogits from {_call(key)}", inputs={"logits": z, "targets": t},
                 batch_size=z.shape[0], alternatives=_grad_mistakes(z, t, s))


@pytest.mark.parametrize("key", FD_KEYS)
def test_gradient_matches_finite_differences(learner, key):
    z, t, s = INPUTS[key]
    _, dlogits = result_of(learner, key)
    numeric = numerical_gradient(lambda v: _loss(v, t, s), z.copy())
    expect_gradient(dlogits, numeric, name=f"dlogits from {_call(key)}", batch_size=z.shape[0], alternatives=_grad_mistakes(z, t, s))


# ---- the default, smoothing = 0 ----

def test_default_smoothing_is_plain_cross_entropy(learner):
    loss, dlogits = result_of(learner, "default")
    z, t = DEFAULT_LOGITS, DEFAULT_TARGETS
    n = z.shape[0]
    picked = _log_softmax(z)[np.arange(n), t]  # -log p of the true class, nothing else
    assert np.exp(picked).min() > P_MIN  # LOSS_ATOL relies on it
    wrong_default = "smoothing defaults to something else than 0.0 — without the argument the loss is plain cross-entropy"
    expect_array(loss, np.asarray(-picked.mean()), name=_call("default"), inputs={"logits": z, "targets": t}, atol=LOSS_ATOL,
                 alternatives={wrong_default: np.asarray(_loss(z, t, 0.1))})
    hot = np.eye(z.shape[1])[t]
    expect_array(dlogits, (np.exp(_log_softmax(z)) - hot) / n, name=f"dlogits from {_call('default')}", batch_size=n,
                 alternatives={wrong_default: _grad(z, t, 0.1)})


# ---- warnings and inputs ----

def test_no_warnings_even_at_logits_of_1e4(learner):
    expect_no_warnings(learner.call_once(every_input), name="label_smoothing_cross_entropy (on inputs that include logits of ±1e4)",
                       extra=("subtract each row's max before exp; exp of a very negative number quietly rounding to 0 is fine",))


def test_inputs_not_modified(learner):
    got = learner.call_once(every_input).value
    for key, (_, z, t) in got.items():
        source = {"default": (DEFAULT_LOGITS, DEFAULT_TARGETS), "extreme": (EXTREME, EXTREME_TARGETS)}.get(key) or INPUTS[key][:2]
        expect_unchanged(source[0], z, name="logits")
        expect_unchanged(source[1], t, name="targets")
