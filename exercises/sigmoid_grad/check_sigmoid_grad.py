"""Checks for sigmoid_grad: sigma(x) * (1 - sigma(x)), float64, same shape, finite and warning-free up to |x| = 1000."""

import math

import numpy as np
import pytest

from quizprep.grading.api import (
    CheckFailed,
    expect_array,
    expect_float64_precision,
    expect_gradient,
    expect_no_warnings,
    expect_true,
    expect_unchanged,
    numerical_gradient,
    seeded,
    shape_id,
)

# x may have any shape, 0-d included: numpy then gives back a numpy scalar, which counts as the 0-d answer
SHAPES = [(), (1,), (7,), (1, 5), (4, 3), (2, 3, 4)]

# exp(-x) overflows float64 once -x > ~709.78; these cover both sides of that edge and the contract's |x| = 1000.
LARGE = np.array([-1000.0, -745.0, -710.0, -100.0, -40.0, -20.0, 20.0, 40.0, 100.0, 710.0, 745.0, 1000.0])

# Finite differences of sum(sigma(v)) with h = 1e-5 carry a rounding error of about eps * |sum| / h ~ 1e-10; keeping
# |x| <= 4 keeps sigma'(x) >= 0.017, so that error stays below 1e-8 relative, well inside GRADCHECK_THRESHOLD (1e-7).
FD_RANGE = 4.0


def call(m, x):
    return m.sigmoid_grad(x), x


def stable_sigmoid(x):
    """Trusted sigma(x): only exp of -|x| <= 0 is ever taken."""
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, e) / (1.0 + e)


def exact_grad(x):
    """sigma'(x) = exp(-|x|) / (1 + exp(-|x|))**2 — the derivative is even, so this form never overflows."""
    e = np.exp(-np.abs(x))
    return e / (1.0 + e) ** 2


def mistakes(x):
    """What this exercise's classic mistakes return for x, computed here with trusted code."""
    s = stable_sigmoid(x)
    return {
        "s * (1 - s) was applied to x itself — x is the pre-activation: compute s = sigma(x) first": x * (1 - x),
        "returned sigma(x), the forward pass — the gradient is sigma(x) * (1 - sigma(x))": s,
        "returned 1 - sigma(x) — multiply it by sigma(x): sigma(x) * (1 - sigma(x))": 1 - s,
        "used tanh's derivative 1 - s**2 — the sigmoid's is s * (1 - s)": 1 - s**2,
    }


@pytest.mark.parametrize("shape", SHAPES, ids=shape_id)
def test_matches_reference(learner, reference, shape):
    x = seeded(sum(shape)).normal(scale=3.0, size=shape)
    got, _ = learner.run(call, x)
    want, _ = reference.run(call, x)
    expect_float64_precision(got, name="sigmoid_grad(x)", hint="compute in float64 like x: do not cast to float32 or float16")
    expect_array(got, want, name="sigmoid_grad(x)", inputs={"x": x}, alternatives=mistakes(x))


def test_is_a_quarter_at_zero(learner):
    x = np.array([0.0, -0.0])
    got, _ = learner.run(call, x)
    expect_array(got, np.array([0.25, 0.25]), name="sigmoid_grad([0.0, -0.0])", inputs={"x": x}, alternatives=mistakes(x))


def test_matches_exp_formula_at_5_and_10(learner):
    # sigma'(x) = exp(-|x|) / (1 + exp(-|x|))**2, evaluated with math, independently of any solution
    xs = [-10.0, -5.0, 5.0, 10.0]
    want = np.array([math.exp(-abs(v)) / (1 + math.exp(-abs(v))) ** 2 for v in xs])
    x = np.array(xs)
    got, _ = learner.run(call, x)
    expect_array(got, want, name="sigmoid_grad([-10, -5, 5, 10])", inputs={"x": x}, alternatives=mistakes(x))


def test_large_inputs_give_tiny_finite_nonnegative_values(learner):
    got, _ = learner.run(call, LARGE)
    expect_array(got, exact_grad(LARGE), name="sigmoid_grad(x) for |x| from 20 to 1000", inputs={"x": LARGE},
                 alternatives=mistakes(LARGE))
    negative = np.flatnonzero(got < 0)
    expect_true(negative.size == 0,
                f"sigmoid_grad(x) is negative ({got[negative[0]]:.3g}) at x = {LARGE[negative[0]]:g}" if negative.size else "",
                "the sigmoid is increasing, so its gradient is never negative — look for a subtraction that cancels badly")


def test_no_overflow_warning_for_large_inputs(learner):
    x = np.array([-1000.0, -750.0, -50.0, 0.0, 50.0, 750.0, 1000.0])
    result = learner.call(call, x)
    # exp(-1000) rounding to 0.0 is the correct, harmless result here (numpy ignores underflow by default),
    # so only overflow, invalid and divide count.
    try:
        expect_no_warnings(result, name="sigmoid_grad([-1000, -750, -50, 0, 50, 750, 1000])")
    except CheckFailed as failed:
        raise CheckFailed(failed.message, failed.diagnosis + (
            "exp(-x) for x = -1000 is exp(1000), beyond the largest float64 — exponentiate only -|x|, which is <= 0",
            "np.where(cond, a, b) computes a and b for EVERY element before choosing, so an overflowing branch still warns",
        )) from None


@pytest.mark.parametrize("shape", [(1, 5), (3, 4)], ids=shape_id)
def test_matches_finite_differences_of_a_stable_sigmoid(learner, shape):
    x = seeded(10 + sum(shape)).uniform(-FD_RANGE, FD_RANGE, size=shape)
    got, _ = learner.run(call, x)
    numeric = numerical_gradient(lambda v: float(stable_sigmoid(v).sum()), x.copy())
    expect_gradient(got, numeric, name="sigmoid_grad(x)")


def test_input_not_modified(learner):
    x = seeded(2).normal(scale=3.0, size=(4, 5))
    _, x_after = learner.run(call, x)
    expect_unchanged(x, x_after, name="x")
