"""Checks for sigmoid_grad: sigma(x) * (1 - sigma(x)), float64, same shape, finite and warning-free up to |x| = 1000.

Every call of the grade runs in one sandboxed process (`every_call`), each check's input its own
`guarded` part with an array of its own, so a sigmoid_grad that raises on one input (a 0-d x, say)
fails that input's checks only.
"""

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
    guarded,
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


# --- every input of the grade: (probe, *args) per part of the shared run, each array its own -------------

EXP_XS = [-10.0, -5.0, 5.0, 10.0]
NO_OVERFLOW = np.array([-1000.0, -750.0, -50.0, 0.0, 50.0, 750.0, 1000.0])
FD_SHAPES = [(1, 5), (3, 4)]

RUNS = {
    **{shape_id(s): (call, seeded(sum(s)).normal(scale=3.0, size=s)) for s in SHAPES},
    "zero": (call, np.array([0.0, -0.0])),
    "exp formula": (call, np.array(EXP_XS)),
    "large": (call, LARGE),
    "no overflow": (call, NO_OVERFLOW),
    **{f"finite differences {shape_id(s)}": (call, seeded(10 + sum(s)).uniform(-FD_RANGE, FD_RANGE, size=s)) for s in FD_SHAPES},
    "not modified": (call, seeded(2).normal(scale=3.0, size=(4, 5))),
}


def every_call(m):
    """Every call of the grade in one sandboxed run, each a part of its own."""
    return {name: guarded(m, probe, *args) for name, (probe, *args) in RUNS.items()}


def run(learner, name):
    """The part `name` of the shared run (the result and x after the call), and its x as the check has it, untouched."""
    return learner.part(every_call, name).value, RUNS[name][1]


@pytest.mark.parametrize("shape", SHAPES, ids=shape_id)
def test_matches_reference(learner, reference, shape):
    (got, _), x = run(learner, shape_id(shape))
    want, _ = reference.run(call, x)
    expect_float64_precision(got, name="sigmoid_grad(x)", hint="compute in float64 like x: do not cast to float32 or float16")
    expect_array(got, want, name="sigmoid_grad(x)", inputs={"x": x}, alternatives=mistakes(x))


def test_is_a_quarter_at_zero(learner):
    (got, _), x = run(learner, "zero")
    expect_array(got, np.array([0.25, 0.25]), name="sigmoid_grad([0.0, -0.0])", inputs={"x": x}, alternatives=mistakes(x))


def test_matches_exp_formula_at_5_and_10(learner):
    # sigma'(x) = exp(-|x|) / (1 + exp(-|x|))**2, evaluated with math, independently of any solution
    want = np.array([math.exp(-abs(v)) / (1 + math.exp(-abs(v))) ** 2 for v in EXP_XS])
    (got, _), x = run(learner, "exp formula")
    expect_array(got, want, name="sigmoid_grad([-10, -5, 5, 10])", inputs={"x": x}, alternatives=mistakes(x))


def test_large_inputs_give_tiny_finite_nonnegative_values(learner):
    (got, _), _ = run(learner, "large")
    expect_array(got, exact_grad(LARGE), name="sigmoid_grad(x) for |x| from 20 to 1000", inputs={"x": LARGE},
                 alternatives=mistakes(LARGE))
    negative = np.flatnonzero(got < 0)
    expect_true(negative.size == 0,
                f"sigmoid_grad(x) is negative ({got[negative[0]]:.3g}) at x = {LARGE[negative[0]]:g}" if negative.size else "",
                "the sigmoid is increasing, so its gradient is never negative — look for a subtraction that cancels badly")


def test_no_overflow_warning_for_large_inputs(learner):
    result = learner.part(every_call, "no overflow")
    # exp(-1000) rounding to 0.0 is the correct, harmless result here (numpy ignores underflow by default),
    # so only overflow, invalid and divide count.
    try:
        expect_no_warnings(result, name="sigmoid_grad([-1000, -750, -50, 0, 50, 750, 1000])")
    except CheckFailed as failed:
        raise CheckFailed(failed.message, failed.diagnosis + (
            "exp(-x) for x = -1000 is exp(1000), beyond the largest float64 — exponentiate only -|x|, which is <= 0",
            "np.where(cond, a, b) computes a and b for EVERY element before choosing, so an overflowing branch still warns",
        )) from None


@pytest.mark.parametrize("shape", FD_SHAPES, ids=shape_id)
def test_matches_finite_differences_of_a_stable_sigmoid(learner, shape):
    (got, _), x = run(learner, f"finite differences {shape_id(shape)}")
    numeric = numerical_gradient(lambda v: float(stable_sigmoid(v).sum()), x.copy())
    expect_gradient(got, numeric, name="sigmoid_grad(x)")


def test_input_not_modified(learner):
    (_, x_after), x = run(learner, "not modified")
    expect_unchanged(x, x_after, name="x")
