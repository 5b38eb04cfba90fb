"""Checks for tanh_grad: 1 - tanh(x)**2, float64, same shape, even in x, 0 (not NaN) for large |x|, x unchanged.

Every call of the grade runs in one sandboxed process (`every_call`), each check's input its own
`guarded` part with an array of its own, so a tanh_grad that raises on one input (a 0-d x, say) fails
that input's checks only.
"""

import math

import numpy as np
import pytest

from quizprep.grading.api import (
    CheckFailed,
    expect_array,
    expect_float64_precision,
    expect_gradient,
    expect_true,
    expect_unchanged,
    guarded,
    numerical_gradient,
    seeded,
    shape_id,
)

# x may have any shape, 0-d included: numpy then gives back a numpy scalar, which counts as the 0-d answer
SHAPES = [(), (1,), (7,), (1, 5), (4, 3), (2, 3, 4)]

# Finite differences of sum(tanh(v)) with h = 1e-5 carry a rounding error of about eps * |sum| / h ~ 1e-10; keeping
# |x| <= 3 keeps tanh'(x) >= 0.0098, so that error stays near 1e-8 relative, inside GRADCHECK_THRESHOLD (1e-7).
FD_RANGE = 3.0

# Far into saturation: np.tanh is exactly +-1 there, while tanh built from exp() meets inf / inf.
LARGE = np.array([-1000.0, -400.0, -50.0, -20.0, 20.0, 50.0, 400.0, 1000.0])


def call(m, x):
    return m.tanh_grad(x), x


def call_both_signs(m, x):
    minus_x = -x  # taken before any call, so a tanh_grad that writes into its input cannot skew this check
    return m.tanh_grad(x.copy()), m.tanh_grad(minus_x)


def sech_squared(x):
    """Trusted tanh'(x) = 4 exp(-2|x|) / (1 + exp(-2|x|))**2 (= 1 / cosh(x)**2), which never overflows."""
    e = np.exp(-2.0 * np.abs(x))
    return 4.0 * e / (1.0 + e) ** 2


def mistakes(x):
    """What this exercise's classic mistakes return for x, computed here with trusted code."""
    t = np.tanh(x)
    return {
        "1 - x**2 squares x instead of tanh(x) — x is the pre-activation: use 1 - np.tanh(x)**2": 1 - x**2,
        "1 - tanh(x) forgot the square — use 1 - np.tanh(x)**2": 1 - t,
        "tanh(x) * (1 - tanh(x)) is the sigmoid's rule s * (1 - s) — tanh's is 1 - tanh(x)**2": t * (1 - t),
        "(1 - tanh(x))**2 squares the difference — only tanh(x) is squared: 1 - tanh(x)**2": (1 - t) ** 2,
        "returned tanh(x), the forward pass — the gradient is 1 - tanh(x)**2": t,
    }


# --- every input of the grade: (probe, *args) per part of the shared run, each array its own -------------

KNOWN_XS = [-3.0, -1.0, -0.5, 0.5, 1.0, 2.0]
FD_SHAPES = [(1, 5), (3, 4)]

RUNS = {
    **{shape_id(s): (call, seeded(sum(s)).normal(scale=1.5, size=s)) for s in SHAPES},
    "zero": (call, np.array([0.0, -0.0])),
    "known points": (call, np.array(KNOWN_XS)),
    "even": (call_both_signs, seeded(5).uniform(0.2, 2.5, size=(2, 3))),
    **{f"finite differences {shape_id(s)}": (call, seeded(10 + sum(s)).uniform(-FD_RANGE, FD_RANGE, size=s)) for s in FD_SHAPES},
    "large": (call, LARGE),
    "not modified": (call, seeded(2).normal(scale=1.5, size=(4, 5))),
}


def every_call(m):
    """Every call of the grade in one sandboxed run, each a part of its own."""
    return {name: guarded(m, probe, *args) for name, (probe, *args) in RUNS.items()}


def run(learner, name):
    """The part `name` of the shared run, and its x as the check has it, untouched."""
    return learner.part(every_call, name).value, RUNS[name][1]


@pytest.mark.parametrize("shape", SHAPES, ids=shape_id)
def test_matches_reference(learner, reference, shape):
    (got, _), x = run(learner, shape_id(shape))
    want, _ = reference.run(call, x)
    expect_float64_precision(got, name="tanh_grad(x)", hint="compute in float64 like x: do not cast to float32 or float16")
    expect_array(got, want, name="tanh_grad(x)", inputs={"x": x}, alternatives=mistakes(x))


def test_is_one_at_zero(learner):
    (got, _), x = run(learner, "zero")
    expect_array(got, np.array([1.0, 1.0]), name="tanh_grad([0.0, -0.0])", inputs={"x": x}, alternatives=mistakes(x))


def test_matches_sech_squared_at_known_points(learner):
    # tanh'(x) = 1 / cosh(x)**2, evaluated with math, independently of any solution
    want = np.array([1.0 / math.cosh(v) ** 2 for v in KNOWN_XS])
    (got, _), x = run(learner, "known points")
    expect_array(got, want, name="tanh_grad([-3, -1, -0.5, 0.5, 1, 2])", inputs={"x": x}, alternatives=mistakes(x))


def test_is_even(learner):
    (at_x, at_minus_x), x = run(learner, "even")
    expect_array(at_x, sech_squared(x), name="tanh_grad(x)", inputs={"x": x}, alternatives=mistakes(x))
    try:
        expect_array(at_minus_x, at_x, name="tanh_grad(-x)", inputs={"x": x})
    except CheckFailed as failed:
        raise CheckFailed(f"{failed.message}: it should equal tanh_grad(x)", failed.diagnosis + (
            "tanh is odd, so its derivative is even: the gradient at -x is the gradient at x",)) from None


@pytest.mark.parametrize("shape", FD_SHAPES, ids=shape_id)
def test_matches_finite_differences_of_np_tanh(learner, shape):
    (got, _), x = run(learner, f"finite differences {shape_id(shape)}")
    numeric = numerical_gradient(lambda v: float(np.tanh(v).sum()), x.copy())
    expect_gradient(got, numeric, name="tanh_grad(x)")


def test_large_inputs_go_to_zero_without_nan(learner):
    (got, _), _ = run(learner, "large")
    expect_array(got, sech_squared(LARGE), name="tanh_grad(x) for |x| from 20 to 1000", inputs={"x": LARGE},
                 alternatives=mistakes(LARGE))
    negative = np.flatnonzero(got < 0)
    expect_true(negative.size == 0,
                f"tanh_grad(x) is negative ({got[negative[0]]:.3g}) at x = {LARGE[negative[0]]:g}" if negative.size else "",
                "tanh is increasing, so its gradient is never negative — 1 - tanh(x)**2 is >= 0 because |tanh(x)| <= 1")


def test_input_not_modified(learner):
    (_, x_after), x = run(learner, "not modified")
    expect_unchanged(x, x_after, name="x")
