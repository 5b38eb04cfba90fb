"""Checks for leaky_relu_grad: 1.0 where x > 0, alpha elsewhere (at 0 too), float64, x unchanged, alpha honoured.

The learner's function runs once, in one sandboxed process, on every input and alpha below; each
check then reads its own part of that run (`run_once`), so the grade costs one call.
"""

import numpy as np
import pytest

from quizprep.grading.api import (
    expect_array,
    expect_float64_precision,
    expect_gradient,
    expect_unchanged,
    numerical_gradient,
    seeded,
    shape_id,
)

# x may have any shape, 0-d included: numpy then gives back a numpy scalar, which counts as the 0-d answer
SHAPES = [(), (1,), (7,), (1, 5), (4, 3), (2, 3, 4)]
# Slopes other than the default, so that a hard-coded 0.01 shows; 0.2 and 0.3 are common choices, 0.001 is small.
ALPHAS = [0.2, 0.001, 0.3]
KINK = np.array([-2.0, -1e-12, 0.0, -0.0, 1e-12, 3.0])
KINK_ALPHA = 0.1
# Leaky ReLU is linear on each side of 0; every finite-difference input is at least 0.1 from the kink, so
# h = 1e-5 never crosses it, and central differences of a linear function carry only rounding (~1e-11).
FD_ALPHA = 0.2
_rng = seeded(7)
FD_INPUT = _rng.uniform(0.1, 2.0, size=(3, 4)) * _rng.choice([-1.0, 1.0], size=(3, 4))

# The 0-d and one-element inputs are positive: a single negative number cannot tell "returned the forward"
# from "alpha * x", so those two mistakes are named on the larger, mixed-sign inputs.
INPUTS = {shape_id(s): seeded(20 + sum(s)).normal(size=s) for s in SHAPES} | {"scalar": np.array(0.7), "1": np.array([1.3])}
ALPHA_INPUT = seeded(5).normal(size=(3, 5))


def on_every_input(m):
    """leaky_relu_grad on each input (default alpha, other alphas, the kink): each result and its input after the call.

    Every call gets its own copy, so a function that writes into x spoils only its own call's input.
    """
    def call(x, *args, **kwargs):
        x = x.copy()
        return m.leaky_relu_grad(x, *args, **kwargs), x

    return {
        "default": {key: call(x) for key, x in INPUTS.items()},
        "alpha": {repr(alpha): call(ALPHA_INPUT, alpha) for alpha in ALPHAS},
        "kink": call(KINK, KINK_ALPHA),
        "fd": call(FD_INPUT, alpha=FD_ALPHA),
    }


def trusted_grad(x, alpha):
    """The slope of each piece, picked with a boolean index rather than np.where."""
    g = np.full(np.shape(x), float(alpha))
    g[np.asarray(x) > 0] = 1.0
    return g


def mistakes(x, alpha):
    """What the classic mistakes return for x and alpha, computed here with trusted code."""
    pos = x > 0
    out = {
        "returned leaky_relu(x), the forward pass — the gradient is the slope: 1.0 or alpha, whatever the size of x":
            np.where(pos, x, alpha * x),
        "alpha * x on the negative side is the forward's value there — the slope of alpha * x is just alpha":
            np.where(pos, 1.0, alpha * x),
        "0 for negative inputs is plain ReLU's gradient — leaky ReLU keeps the slope alpha there": pos.astype(np.float64),
        "the gradient at x == 0 should be alpha (use x > 0, not x >= 0)": np.where(x >= 0, 1.0, alpha),
    }
    if alpha != 0.01:
        out["the slope is a hard-coded 0.01 — use the alpha argument you are given"] = np.where(pos, 1.0, 0.01)
    return out


@pytest.mark.parametrize("shape", SHAPES, ids=shape_id)
def test_matches_reference_with_default_alpha(learner, reference, shape):
    key = shape_id(shape)
    got, _ = learner.run_once(on_every_input)["default"][key]
    want, _ = reference.run_once(on_every_input)["default"][key]
    x = INPUTS[key]
    expect_float64_precision(got, name="leaky_relu_grad(x)", hint="compute in float64 like x: do not cast to float32")
    expect_array(got, want, name="leaky_relu_grad(x)", inputs={"x": x}, alternatives=mistakes(x, 0.01))


@pytest.mark.parametrize("alpha", ALPHAS, ids=lambda a: f"alpha={a:g}")
def test_uses_the_given_alpha(learner, alpha):
    got, _ = learner.run_once(on_every_input)["alpha"][repr(alpha)]
    expect_array(got, trusted_grad(ALPHA_INPUT, alpha), name=f"leaky_relu_grad(x, alpha={alpha:g})", inputs={"x": ALPHA_INPUT},
                 alternatives=mistakes(ALPHA_INPUT, alpha))


def test_kink_takes_the_negative_slope(learner):
    got, _ = learner.run_once(on_every_input)["kink"]
    expect_array(got, np.array([0.1, 0.1, 0.1, 0.1, 1.0, 1.0]),
                 name="leaky_relu_grad([-2, -1e-12, 0, -0, 1e-12, 3], alpha=0.1)", inputs={"x": KINK},
                 alternatives=mistakes(KINK, KINK_ALPHA) | kink_mistakes(KINK, KINK_ALPHA))


def kink_mistakes(x, alpha):
    """Two other values at exactly 0 that are not the graded convention (alpha), from trusted code."""
    below, above = x < 0, x > 0
    return {
        "the gradient at x == 0 came out 0 (as np.sign gives) — the convention graded is alpha there":
            np.where(above, 1.0, np.where(below, alpha, 0.0)),
        "the gradient at x == 0 came out (1 + alpha) / 2, the average of the two slopes (what a finite difference "
        "across the kink gives) — the convention graded is alpha there":
            np.where(above, 1.0, np.where(below, alpha, (1.0 + alpha) / 2)),
        "the gradient near x == 0 came out (1 + alpha) / 2, the average of the two slopes, as a finite difference "
        "whose step crosses the kink gives — compute the slope of the side x lies on, exactly":
            np.where(np.abs(x) < 1e-6, (1.0 + alpha) / 2, np.where(above, 1.0, alpha)),
    }


def test_input_not_modified(learner):
    run = learner.run_once(on_every_input)
    for key, (_, x_after) in run["default"].items():
        expect_unchanged(INPUTS[key], x_after, name="x")
    for _, x_after in run["alpha"].values():
        expect_unchanged(ALPHA_INPUT, x_after, name="x")
    expect_unchanged(KINK, run["kink"][1], name="x")


def test_matches_finite_differences(learner):
    got, _ = learner.run_once(on_every_input)["fd"]
    numeric = numerical_gradient(lambda v: float(np.where(v > 0, v, FD_ALPHA * v).sum()), FD_INPUT.copy())
    expect_gradient(got, numeric, name="leaky_relu_grad(x, alpha=0.2)", alternatives=mistakes(FD_INPUT, FD_ALPHA))
