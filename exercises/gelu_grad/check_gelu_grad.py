"""Checks for gelu_grad: the derivative of 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), float64, same shape,
finite and warning-free for |x| up to 1e4, x unchanged.

Two sandboxed runs per grade: one probe computes every ordinary input (each check reads its part),
and one separate run on the huge inputs, so that the warnings it raises are those inputs' alone.
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
    expect_unchanged,
    numerical_gradient,
    seeded,
    shape_id,
)

C = math.sqrt(2.0 / math.pi)
K = 0.044715

# x may have any shape, 0-d included: numpy then gives back a numpy scalar, which counts as the 0-d answer
SHAPES = [(), (1,), (7,), (1, 5), (4, 3), (2, 3, 4)]
INPUTS = {shape_id(s): seeded(30 + sum(s)).normal(scale=2.0, size=s) for s in SHAPES}

KNOWN = [-3.0, -1.5, -1.0, -0.5, 0.0, -0.0, 0.5, 1.0, 2.0, 3.0]

# Where tanh(u) is exactly +-1 and, for 1/cosh(u)**2 or exp(2u), where cosh and exp overflow (u > ~710,
# reached from |x| ~ 24 on): the contract's |x| up to 1e4, where u is about 3.6e11.
LARGE = np.array([-1e4, -1e3, -100.0, -30.0, -10.0, -6.0, 6.0, 10.0, 30.0, 100.0, 1e3, 1e4])

# Finite differences of sum(gelu(v)) over 12 entries (|sum| < 40) with h = 1e-5 carry a rounding error of
# about 2.2e-16 * 40 / 2e-5 ~ 4.4e-10, and a truncation error of h^2/6 * |gelu'''| < 1e-10. gelu' crosses 0
# near x = -0.7525 and is small again below -3, so inputs are drawn from [-2.5, 3] at least 0.3 away from
# that crossing: there |gelu'| >= 0.037 (checked below), which keeps the relative error under 1e-8, far
# inside GRADCHECK_THRESHOLD (1e-7). Every classic mistake is off by 1e-3 or more.
FD_SHAPES = [(1, 5), (3, 4)]


def _fd_input(shape, seed):
    rng = seeded(seed)
    x = rng.uniform(-2.5, 3.0, size=shape)
    near = np.abs(x + 0.7525) < 0.3
    return np.where(near, x + np.sign(x + 0.7525 + 1e-12) * 0.6, x)


FD_INPUTS = {shape_id(s): _fd_input(s, 40 + sum(s)) for s in FD_SHAPES}

# Mathematically equal forms of this derivative (1 - tanh^2, sech^2 from exp(-2|u|), a sigmoid rewrite, the
# product expanded into a polynomial) agree with each other to within 3e-15 in absolute terms at every x
# (measured over [-12, 12]; beyond that every form gives exactly 0 or 1), so the default ATOL (1e-10) of
# expect_array accepts all of them, including where gelu' itself is as small as 1e-36.


def gelu(x):
    """The forward formula, trusted: what the gradient differentiates."""
    return 0.5 * x * (1.0 + np.tanh(C * (x + K * x**3)))


def sech2_form(x):
    """gelu'(x) written independently of tanh: sech^2(u) = 4 e / (1 + e)^2 and (1 + tanh(u)) / 2 = 1 / (1 + e)
    for u >= 0 (e = exp(-2|u|) in (0, 1], so nothing overflows), mirrored for u < 0."""
    x = np.asarray(x, dtype=np.float64)
    u = C * (x + K * x**3)
    e = np.exp(-2.0 * np.abs(u))
    half_one_plus_tanh = np.where(u >= 0, 1.0, e) / (1.0 + e)
    return half_one_plus_tanh + 0.5 * x * (4.0 * e / (1.0 + e) ** 2) * C * (1.0 + 3.0 * K * x * x)


# the finite-difference inputs stay where the error estimate above holds
assert all(np.min(np.abs(sech2_form(x))) >= 0.037 for x in FD_INPUTS.values())


def _math_reference(v: float) -> float:
    """gelu'(v) with the math module and 1 / cosh(u)**2 (safe for these small |v|)."""
    u = C * (v + K * v**3)
    return 0.5 * (1.0 + math.tanh(u)) + 0.5 * v * C * (1.0 + 3.0 * K * v * v) / math.cosh(u) ** 2


_erf = np.vectorize(math.erf, otypes=[np.float64])


def mistakes(x):
    """What this exercise's classic mistakes return for x, computed here with trusted code."""
    x = np.asarray(x, dtype=np.float64)
    u = C * (x + K * x**3)
    t = np.tanh(u)
    sech2 = 1.0 - t * t
    phi = np.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)
    s = 1.0 / (1.0 + np.exp(-1.702 * x))  # only called on ordinary inputs, |x| < 20
    return {
        "the derivative of the exact GELU x * Phi(x) (erf), Phi(x) + x * phi(x) — this exercise's gelu is the tanh "
        "approximation: differentiate 0.5 * x * (1 + tanh(u))": 0.5 * (1.0 + _erf(x / math.sqrt(2.0))) + x * phi,
        "du/dx is missing its 3 * 0.044715 * x**2 part — u = sqrt(2/pi) * (x + 0.044715 * x**3), so "
        "du/dx = sqrt(2/pi) * (1 + 3 * 0.044715 * x**2)": 0.5 * (1.0 + t) + 0.5 * x * sech2 * C,
        "du/dx lost the 3 of the power rule — d(x**3)/dx is 3 * x**2, so du/dx = sqrt(2/pi) * (1 + 3 * 0.044715 * x**2)":
            0.5 * (1.0 + t) + 0.5 * x * sech2 * C * (1.0 + K * x * x),
        "the second term of the product rule lost its 0.5 — gelu is 0.5 * x * (1 + tanh(u)), so that term is "
        "0.5 * x * tanh'(u) * du/dx": 0.5 * (1.0 + t) + x * sech2 * C * (1.0 + 3.0 * K * x * x),
        "the product rule lost the 0.5 * (1 + tanh(u)) term — differentiating the factor 0.5 * x gives it":
            0.5 * x * sech2 * C * (1.0 + 3.0 * K * x * x),
        "only 0.5 * (1 + tanh(u)) — the product rule's other term, 0.5 * x * tanh'(u) * du/dx, is missing":
            0.5 * (1.0 + t),
        "returned gelu(x), the forward pass — the gradient is its derivative": 0.5 * x * (1.0 + t),
        "the derivative of the sigmoid approximation x * sigmoid(1.702 x) — this exercise's gelu is the tanh "
        "approximation": s + 1.702 * x * s * (1.0 - s),
    }


def on_every_input(m):
    """gelu_grad on every ordinary input; each call gets its own copy, returned after the call."""
    def call(x):
        x = x.copy()
        return m.gelu_grad(x), x

    return {
        "shapes": {key: call(x) for key, x in INPUTS.items()},
        "known": call(np.array(KNOWN)),
        "fd": {key: call(x) for key, x in FD_INPUTS.items()},
    }


def on_large(m):
    return m.gelu_grad(LARGE.copy())


@pytest.mark.parametrize("shape", SHAPES, ids=shape_id)
def test_matches_reference(learner, reference, shape):
    key = shape_id(shape)
    got, _ = learner.run_once(on_every_input)["shapes"][key]
    want, _ = reference.run_once(on_every_input)["shapes"][key]
    x = INPUTS[key]
    expect_float64_precision(got, name="gelu_grad(x)", hint="compute in float64 like x: do not cast to float32")
    expect_array(got, want, name="gelu_grad(x)", inputs={"x": x}, alternatives=mistakes(x))


def test_matches_an_independent_formula_at_known_points(learner):
    got, _ = learner.run_once(on_every_input)["known"]
    x = np.array(KNOWN)
    want = np.array([_math_reference(v) for v in KNOWN])
    expect_array(got, want, name="gelu_grad([-3, -1.5, -1, -0.5, 0, -0, 0.5, 1, 2, 3])", inputs={"x": x},
                 alternatives=mistakes(x))


@pytest.mark.parametrize("shape", FD_SHAPES, ids=shape_id)
def test_matches_finite_differences_of_the_forward(learner, shape):
    key = shape_id(shape)
    x = FD_INPUTS[key]
    got, _ = learner.run_once(on_every_input)["fd"][key]
    numeric = numerical_gradient(lambda v: float(gelu(v).sum()), x.copy())
    expect_gradient(got, numeric, name="gelu_grad(x)", alternatives=mistakes(x))


def test_huge_inputs_give_finite_values(learner):
    got = learner.call_once(on_large).value
    try:
        expect_array(got, sech2_form(LARGE), name="gelu_grad(x) for |x| from 6 to 1e4", inputs={"x": LARGE})
    except CheckFailed as failed:
        if isinstance(got, np.ndarray) and got.shape == LARGE.shape and not np.all(np.isfinite(got)):
            raise CheckFailed(failed.message, failed.diagnosis + (
                "tanh built from exp() meets inf / inf = NaN once |u| passes ~355; np.tanh itself is exact for any input",
                "for x = -1e4 the first factor 0.5 * (1 + tanh(u)) is 0 and the second term is x * 0 * (...) = 0, so the "
                "answer is a plain 0",)) from None
        if isinstance(got, np.ndarray) and got.shape == LARGE.shape:
            raise CheckFailed(failed.message, failed.diagnosis + (
                "at |x| = 1e4 the factor x * (1 + 3 * 0.044715 * x**2) is about 1e12, so tanh'(u) must come out as 0 there, "
                "not merely small: a u clipped to +-20 before cosh leaves 1 / cosh(20)**2 ~ 1.7e-17 and an error ~1e-6 — "
                "write tanh'(u) as 1 - tanh(u)**2, which is exactly 0 once tanh(u) rounds to +-1",)) from None
        raise


def test_huge_inputs_raise_no_warnings(learner):
    result = learner.call_once(on_large)
    # exp(-2|u|) rounding to 0 for |u| ~ 1e11 is a stable formula's correct answer: underflow never counts
    try:
        expect_no_warnings(result, name="gelu_grad(x) for |x| up to 1e4")
    except CheckFailed as failed:
        raise CheckFailed(failed.message, failed.diagnosis + (
            "u reaches about 3.6e11 at x = 1e4: cosh(u) and exp(u) are inf there, so 1 / cosh(u)**2 or exp(2u) warns "
            "even when the final value comes out right — write tanh'(u) with np.tanh alone (1 - tanh(u)**2), "
            "or exponentiate only -2|u|",)) from None


def test_input_not_modified(learner):
    run = learner.run_once(on_every_input)
    for key, (_, x_after) in run["shapes"].items():
        expect_unchanged(INPUTS[key], x_after, name="x")
    for key, (_, x_after) in run["fd"].items():
        expect_unchanged(FD_INPUTS[key], x_after, name="x")
