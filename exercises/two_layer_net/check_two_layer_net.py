"""Checks for two_layer_net: forward returns the mean softmax cross-entropy of a ReLU network,
backward fills the four gradients without touching the weights, update() takes one SGD step in place.

Every check assigns known weights to fc1 and fc2, so nothing depends on the learner's random numbers.
Every run of the grade happens in one sandboxed process (`every_run`), each its own `guarded` part with
arrays and a network of its own (the 20 training steps are one part), so a network that raises in one
run fails the checks that read that run only.
"""

import numpy as np
import pytest

from quizprep.grading.api import (
    LOG_EPS_MAX,
    CheckFailed,
    describe_type,
    expect_array,
    expect_gradient,
    expect_scalar,
    expect_true,
    expect_unchanged,
    guarded,
    numerical_gradient,
    seeded,
)

PARAMS = ("fc1.W", "fc1.b", "fc2.W", "fc2.b")
# (batch N, input_dim, hidden_dim, output_dim): N > 1 first (a batch of one cannot show a missing
# / N), a batch of one, and a wider layer.
CASES = [(6, 4, 5, 3), (1, 3, 4, 2), (8, 5, 7, 4)]
FD_CASES = CASES[:2]
LR = 0.1  # not the constructor's default 0.01, so a hard-coded learning rate shows
# Hidden pre-activations are drawn at least this far from ReLU's kink at 0. A finite-difference step
# of h = 1e-5 moves any z1 by at most h * max|X| < 1e-4, so no perturbation crosses the kink and the
# loss is smooth wherever the gradient check looks.
KINK_MARGIN = 1e-2

# A small separable problem for the training checks: three well-separated 2-D blobs.
TRAIN_STEPS = 20
TRAIN_LR = 0.5
# Plain gradient descent on this problem takes the reference from a loss of 0.96 to 0.014 in 20 steps;
# requiring at least a halving leaves a wide margin for any correct implementation, while an update
# with the wrong sign (or none at all) never gets there.
DECREASE_FACTOR = 0.5

# The loss may take its log with an eps (np.log(probs + eps), or a floor), as cross_entropy accepts:
# any eps up to LOG_EPS_MAX moves -log(p) by at most LOG_EPS_MAX / p, and every probability these
# checks give the true class, at every step of training too, is at least P_TRUE_MIN (asserted where
# the inputs are made), so such an eps moves a loss by at most 1e-7 / 0.01 = 1e-5. LOSS_ATOL, twice
# that, accepts it; an eps leaves backward's probs - y untouched, so the training trajectory is the
# reference's with the same shift. Every real mistake moves a loss by 0.01 or more (a summed loss by
# a factor N, a wrong gradient or learning rate changes the trajectory at the second step).
P_TRUE_MIN = 0.01
LOSS_ATOL = 2 * LOG_EPS_MAX / P_TRUE_MIN

MISTAKE_NO_MASK = "the ReLU mask is missing — multiply the gradient reaching the hidden layer by relu_grad(z1)"
MISTAKE_NO_MEAN = ("d_z2 = probs - y_onehot is missing the / N — the loss is a mean over the batch, so its "
                   "gradient is divided by N too")
MISTAKE_STALE_W2 = ("fc1's gradient was computed with fc2.W already updated — compute every gradient first; "
                    "update() changes the weights afterwards")
NOT_SET = "<not set>"


def case_id(case) -> str:
    return "N{}_{}-{}-{}".format(*case)


def inputs(case):
    """Weights, X and one-hot y for a case; redrawn until every |z1| > KINK_MARGIN and both signs occur."""
    n, d, h, c = case
    rng = seeded(1000 * n + 100 * d + 10 * h + c)
    while True:
        p = {"fc1.W": rng.normal(size=(d, h)) * np.sqrt(2 / d), "fc1.b": rng.normal(scale=0.1, size=h),
             "fc2.W": rng.normal(size=(h, c)) * np.sqrt(2 / h), "fc2.b": rng.normal(scale=0.1, size=c)}
        X = rng.normal(size=(n, d))
        z1 = X @ p["fc1.W"] + p["fc1.b"]
        if np.abs(z1).min() > KINK_MARGIN and (z1 < 0).any() and (z1 > 0).any():
            break
    Y = np.eye(c)[rng.integers(c, size=n)]
    assert _true_class_probs(p, X, Y).min() >= P_TRUE_MIN  # LOSS_ATOL relies on it
    return p, X, Y


def training_problem():
    rng = seeded(7)
    centres = np.array([[2.0, 0.0], [-1.0, 1.7], [-1.0, -1.7]])
    labels = np.repeat(np.arange(3), 10)
    X = centres[labels] + 0.4 * rng.normal(size=(30, 2))
    p = {"fc1.W": rng.normal(size=(2, 8)), "fc1.b": np.zeros(8),
         "fc2.W": rng.normal(size=(8, 3)) * 0.5, "fc2.b": np.zeros(3)}
    return p, X, np.eye(3)[labels]


# ---- trusted arithmetic for finite differences, tolerances and naming mistakes ----

def _true_class_probs(p, X, Y) -> np.ndarray:
    a1 = np.maximum(X @ p["fc1.W"] + p["fc1.b"], 0.0)
    z2 = a1 @ p["fc2.W"] + p["fc2.b"]
    e = np.exp(z2 - z2.max(axis=1, keepdims=True))
    return (e / e.sum(axis=1, keepdims=True) * Y).sum(axis=1)


def _smallest_true_class_prob_in_training() -> float:
    """Plain SGD on the training problem with trusted gradients: the least probability of a true class met on the way."""
    p, X, Y = training_problem()
    p = {k: v.copy() for k, v in p.items()}
    least = 1.0
    for _ in range(TRAIN_STEPS + 1):
        least = min(least, float(_true_class_probs(p, X, Y).min()))
        g = _grads(p, X, Y)
        for k in p:
            p[k] -= TRAIN_LR * g[k]
    return least


def _loss(p, X, Y) -> float:
    a1 = np.maximum(X @ p["fc1.W"] + p["fc1.b"], 0.0)
    z2 = a1 @ p["fc2.W"] + p["fc2.b"]
    z2 = z2 - z2.max(axis=1, keepdims=True)
    log_probs = z2 - np.log(np.exp(z2).sum(axis=1, keepdims=True))
    return float(-np.sum(Y * log_probs) / len(X))


def _grads(p, X, Y, *, mask=True, mean=True, stale_lr=None) -> dict:
    """The four gradients, or what one classic mistake produces instead."""
    z1 = X @ p["fc1.W"] + p["fc1.b"]
    a1 = np.maximum(z1, 0.0)
    z2 = a1 @ p["fc2.W"] + p["fc2.b"]
    e = np.exp(z2 - z2.max(axis=1, keepdims=True))
    d_z2 = e / e.sum(axis=1, keepdims=True) - Y
    if mean:
        d_z2 = d_z2 / len(X)
    g = {"fc2.W": a1.T @ d_z2, "fc2.b": d_z2.sum(axis=0)}
    W2 = p["fc2.W"] if stale_lr is None else p["fc2.W"] - stale_lr * g["fc2.W"]
    d_z1 = d_z2 @ W2.T
    if mask:
        d_z1 = d_z1 * (z1 > 0)
    g["fc1.W"], g["fc1.b"] = X.T @ d_z1, d_z1.sum(axis=0)
    return g


# ---- probes: they run in the learner's process and return plain data ----

def build(m, p, lr):
    (d, h), c = p["fc1.W"].shape, p["fc2.W"].shape[1]
    net = m.TwoLayerNet(d, h, c, lr=lr)
    for name in PARAMS:  # the arrays reached this process by fork: they are its own copies
        layer, attr = name.split(".")
        setattr(getattr(net, layer), attr, p[name])
    return net


def params_of(net) -> dict:
    return {name: getattr(getattr(net, name.split(".")[0]), name.split(".")[1]) for name in PARAMS}


def grads_of(net) -> dict:
    return {name: getattr(getattr(net, name.split(".")[0]), "d" + name.split(".")[1], NOT_SET) for name in PARAMS}


def loss_probe(m, p, X, Y):
    return build(m, p, LR).forward(X, Y), X, Y


def backward_probe(m, p, X, Y):
    net = build(m, p, LR)
    net.forward(X, Y)
    net.backward(Y)
    return {"grads": grads_of(net), "params": {k: np.array(v) for k, v in params_of(net).items()}, "X": X, "Y": Y}


def update_probe(m, p, X, Y):
    net = build(m, p, LR)
    net.forward(X, Y)
    net.backward(Y)
    held = params_of(net)  # the arrays the network holds now; an in-place update changes exactly these
    before = {k: np.array(v) for k, v in held.items()}
    grads = {k: np.array(v) for k, v in grads_of(net).items()}
    net.update()
    now = params_of(net)
    return {"before": before, "grads": grads, "after": {k: np.array(v) for k, v in now.items()},
            "same_array": {k: now[k] is held[k] for k in PARAMS}}


def train_probe(m, p, X, Y):
    net = build(m, p, TRAIN_LR)
    losses = []
    for _ in range(TRAIN_STEPS):
        losses.append(net.forward(X, Y))
        net.backward(Y)
        net.update()
    losses.append(net.forward(X, Y))
    return losses


# ---- every run of the grade: (probe, p, X, Y) per part of the shared run, each array its own ----

RUNS = {
    **{f"loss {case_id(c)}": (loss_probe, *inputs(c)) for c in CASES},
    **{f"backward {case_id(c)}": (backward_probe, *inputs(c)) for c in CASES},
    "update": (update_probe, *inputs(CASES[0])),
    "train": (train_probe, *training_problem()),
}


def every_run(m):
    """Every run of the grade in one sandboxed process, each a part of its own that builds its own network."""
    return {name: guarded(m, probe, *args) for name, (probe, *args) in RUNS.items()}


def run(learner, name):
    """The value of part `name` of the shared run."""
    return learner.part(every_run, name).value


def learner_grad(grads: dict, name: str):
    layer, attr = name.split(".")
    g = grads[name]
    if isinstance(g, str) and g == NOT_SET:
        raise CheckFailed(f"after backward(), {layer}.d{attr} is not set",
                          (f"call self.{layer}.backward(...) with the gradient reaching {layer}'s output: it fills dW and db",))
    return g


def training_losses(learner) -> np.ndarray:
    got = run(learner, "train")
    try:
        return np.array([float(v) for v in got], dtype=np.float64)
    except (TypeError, ValueError):
        raise CheckFailed(f"forward(X, y_onehot) should return a float during training, got {describe_type(got[0])}") from None


# ---- forward ----

@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_loss_matches_reference(learner, reference, case):
    p, X, Y = inputs(case)
    got, _, _ = run(learner, f"loss {case_id(case)}")
    want, _, _ = reference.run(loss_probe, p, X, Y)
    n = len(X)
    expect_scalar(got, want, name="forward(X, y_onehot)", inputs={"X": X, "y_onehot": Y}, batch_size=n, atol=LOSS_ATOL,
                  alternatives={"the loss is summed over the batch — return the mean (divide by N)": want * n} if n > 1 else None)


# ---- backward ----

@pytest.mark.parametrize("case,name", [(c, q) for c in CASES for q in PARAMS], ids=lambda v: v if isinstance(v, str) else case_id(v))
def test_gradient_matches_reference(learner, reference, case, name):
    p, X, Y = inputs(case)
    got = run(learner, f"backward {case_id(case)}")
    want = reference.run(backward_probe, p, X, Y)
    layer, attr = name.split(".")
    alternatives = {MISTAKE_NO_MASK: _grads(p, X, Y, mask=False)[name], MISTAKE_NO_MEAN: _grads(p, X, Y, mean=False)[name],
                    MISTAKE_STALE_W2: _grads(p, X, Y, stale_lr=LR)[name]}
    expect_array(learner_grad(got["grads"], name), want["grads"][name], name=f"{layer}.d{attr} after backward()",
                 inputs={"X": X, "y_onehot": Y}, batch_size=len(X), alternatives=alternatives)


@pytest.mark.parametrize("case,name", [(c, q) for c in FD_CASES for q in PARAMS], ids=lambda v: v if isinstance(v, str) else case_id(v))
def test_gradient_matches_finite_differences(learner, case, name):
    p, X, Y = inputs(case)
    got = run(learner, f"backward {case_id(case)}")
    numeric = numerical_gradient(lambda v: _loss({**p, name: v}, X, Y), p[name].copy())
    layer, attr = name.split(".")
    expect_gradient(learner_grad(got["grads"], name), numeric, name=f"{layer}.d{attr}")


def test_backward_leaves_the_weights_unchanged(learner):
    for case in CASES:
        p, X, Y = inputs(case)
        after = run(learner, f"backward {case_id(case)}")["params"]
        for name in PARAMS:
            expect_true(isinstance(after[name], np.ndarray) and after[name].shape == p[name].shape
                        and bool(np.array_equal(after[name], p[name])),
                        f"backward() changed {name}",
                        "backward only computes gradients; update() applies them once every gradient is known "
                        "(changing fc2.W mid-backward also corrupts the gradient that flows on to fc1)")


def test_forward_and_backward_leave_X_and_y_unchanged(learner):
    for case in CASES:
        p, X, Y = inputs(case)
        _, X_after, Y_after = run(learner, f"loss {case_id(case)}")
        expect_unchanged(X, X_after, name="X")
        expect_unchanged(Y, Y_after, name="y_onehot")
        got = run(learner, f"backward {case_id(case)}")
        expect_unchanged(X, got["X"], name="X")
        expect_unchanged(Y, got["Y"], name="y_onehot")


# ---- update ----

def test_update_takes_one_sgd_step(learner):
    got = run(learner, "update")
    for name in PARAMS:
        before, g = got["before"][name], got["grads"][name]
        layer, attr = name.split(".")
        expect_true(isinstance(g, np.ndarray) and g.dtype.kind == "f" and g.shape == before.shape,
                    f"after backward(), {layer}.d{attr} should be a float array of shape {before.shape}, got {describe_type(g)}")
        expect_array(got["after"][name], before - LR * g, name=f"{name} after update()",
                     alternatives={f"update() did not change {name} — subtract lr * its gradient": before,
                                   "the step goes uphill — subtract lr * gradient, do not add it": before + LR * g,
                                   "the learning rate is missing — the step is self.lr * gradient": before - g,
                                   "the learning rate is hard-coded — use self.lr": before - 0.01 * g})


def test_update_changes_the_weights_in_place(learner):
    got = run(learner, "update")
    for name in PARAMS:
        expect_true(got["same_array"][name] is True, f"update() replaced {name} with a new array instead of updating it in place",
                    f"likely mistake: `self.{name} = self.{name} - ...` builds a new array, so anything holding the old "
                    "one (a view, an optimizer's state, a tied weight) never sees the step",
                    f"write `self.{name} -= self.lr * self.{name.split('.')[0]}.d{name.split('.')[1]}`")


# ---- training ----

def test_a_few_sgd_steps_decrease_the_loss(learner):
    losses = training_losses(learner)
    expect_true(bool(np.all(np.isfinite(losses))), f"the training loss became NaN or inf: {losses[:6]}")
    expect_true(losses[-1] < DECREASE_FACTOR * losses[0],
                f"{TRAIN_STEPS} SGD steps (lr {TRAIN_LR}) on three separable blobs took the loss from "
                f"{losses[0]:.4g} to {losses[-1]:.4g}; it should at least halve",
                "check that update() moves against the gradient and that backward runs on the latest forward")


def test_training_matches_reference(learner, reference):
    losses = training_losses(learner)
    want = np.array(reference.run(train_probe, *training_problem()), dtype=np.float64)
    assert _smallest_true_class_prob_in_training() >= P_TRUE_MIN  # LOSS_ATOL relies on it
    expect_array(losses, want, name=f"the losses over {TRAIN_STEPS} SGD steps", atol=LOSS_ATOL)
