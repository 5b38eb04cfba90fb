"""Checks for layernorm: per-row statistics over the last axis (biased variance, eps inside the
square root), out = gamma * x_hat + beta, for (N, D) and (N, T, D) input; backward's dx, dgamma and
dbeta (the last two (D,), summed over every leading axis), against finite differences and the
reference; N = 1, D = 1, a non-default eps; inputs left unchanged.

The learner's functions run twice per grade, once on every 2-D case and once on every 3-D case
(`learner.run_once`), so a mistake that only shows on 3-D input leaves the 2-D verdicts readable.
"""

import warnings

import numpy as np
import pytest

from quizprep.grading.api import (
    ATOL,
    RTOL,
    CheckFailed,
    expect_array,
    expect_gradient,
    expect_no_warnings,
    expect_unchanged,
    numerical_gradient,
    seeded,
    shape_id,
    within_tolerance,
)

DEFAULT_EPS = 1e-5
# (shape of x, eps); eps None means "call without it", so the default applies. N != D, a batch of one
# in each rank, an eps large enough to change the answer visibly (on rows with a small spread), and a
# single feature (D = 1), where every x is its row's mean: out = beta, dx = 0.
CASES = [((4, 6), None), ((1, 5), None), ((3, 4), 0.1), ((3, 1), None), ((2, 3, 4), None), ((1, 3, 5), 0.05)]
# Finite differences on every case but D = 1 (there L does not depend on x at all: nothing to learn).
FD_CASES = [c for c in CASES if c[0][-1] > 1]
RANKS = (2, 3)

# Tolerances: the default RTOL / ATOL (1e-7 / 1e-10), and they accept every correct formulation.
# The numerically worst standard one computes var as mean(x**2) - mean(x)**2, which loses digits to
# cancellation when |mean| is large against the spread. The inputs keep row means within +-3 and
# spreads of 0.15 or more (eps cases) and 0.5 or more (others), so that loss is ~1e-15 relative to
# var + eps; out and dx then move by ~1e-14, four orders of magnitude inside the tolerance. `inputs`
# asserts this margin (x100) for every case, so new inputs cannot silently make that variant fail.
# Inputs with offsets in the thousands would fail it for reasons that have nothing to do with layer
# norm, so there are none.
VARIANT_MARGIN = 100

MISTAKE_BATCH_AXIS = ("the statistics are taken over the batch axis — that is batch norm; layer norm normalises each "
                      "example over its own features: mean and var over axis=-1 (keepdims=True)")
MISTAKE_T_AND_D = ("the statistics are pooled over T and D together (axis=(1, 2)) — each position of a sequence is "
                   "normalised on its own, over its D features: axis=-1 only")
MISTAKE_AXIS_1 = ("the statistics are taken over axis=1 — the last axis for (N, D) input, but the sequence axis T for "
                  "(N, T, D): normalise over axis=-1")
MISTAKE_DDOF1 = ("the variance is unbiased (ddof=1, divides by D - 1) — layer norm uses the biased variance: "
                 "x.var(axis=-1), which divides by D")
MISTAKE_EPS_OUTSIDE = "eps is added outside the square root — divide by np.sqrt(var + eps), not np.sqrt(var) + eps"
MISTAKE_EPS_IGNORED = "the eps argument is ignored — use the eps passed in, not a hard-coded 1e-5"
MISTAKE_SWAPPED = "gamma and beta are swapped — out = gamma * x_hat + beta"
MISTAKE_NO_MEAN_TERM = ("dx is missing the path through the mean: subtract the row's average of dL/dx_hat "
                        "(mean over axis=-1) inside the bracket")
MISTAKE_NO_VAR_TERM = ("dx is missing the path through the variance: subtract x_hat times the row's average of "
                       "dL/dx_hat * x_hat (mean over axis=-1)")
MISTAKE_CONSTANTS = ("dx treats mu and var as constants (d_out * gamma / sqrt(var + eps)) — both depend on every x of the "
                     "row, so dx also needs the paths through them")
MISTAKE_NO_GAMMA = "dx is missing the factor gamma — dL/dx_hat = d_out * gamma"
MISTAKE_BACKWARD_NO_EPS = ("dx divides by the standard deviation without eps (x.std() or np.sqrt(var)) — backward must "
                           "use the same 1 / sqrt(var + eps) as the forward")
MISTAKE_NOT_SUMMED_T = ("summed over the batch axis only — for (N, T, D) input every position contributes too: sum over "
                        "every axis but the last, axis=tuple(range(d_out.ndim - 1)) (or d_out.reshape(-1, D).sum(axis=0))")
MISTAKE_DGAMMA_NO_XHAT = "dgamma is missing the factor x_hat — dgamma sums d_out * x_hat, not d_out"
MISTAKE_DGAMMA_X = "dgamma uses x instead of x_hat — dgamma sums d_out * x_hat"
MISTAKE_MEAN = "averaged instead of summed — gamma and beta get the sum of every row's contribution"


def case_id(case) -> str:
    shape, eps = case
    return shape_id(shape) + (f"_eps{eps:g}" if eps is not None else "")


def _leading(a) -> tuple:
    return tuple(range(a.ndim - 1))


# ---- trusted arithmetic, written apart from the reference ----

def _normalised(x, eps, *, ddof=0, eps_outside=False, axes=(-1,)):
    with warnings.catch_warnings(), np.errstate(all="ignore"):  # ddof=1 with D = 1 is 0/0, on purpose
        warnings.simplefilter("ignore")
        count = int(np.prod([x.shape[a] for a in axes]))
        mu = np.sum(x, axis=axes, keepdims=True) / count
        var = np.sum((x - mu) ** 2, axis=axes, keepdims=True) / (count - ddof)
        return (x - mu) / (np.sqrt(var) + eps if eps_outside else np.sqrt(var + eps))


def _forward(x, gamma, beta, eps, **mistake):
    return _normalised(x, eps, **mistake) * gamma + beta


def _dx_variants(x, gamma, eps, d_out) -> dict:
    """dx, and what each classic mistake in it gives instead."""
    D = x.shape[-1]
    x_hat = _normalised(x, eps)
    var = np.sum((x - x.mean(axis=-1, keepdims=True)) ** 2, axis=-1, keepdims=True) / D
    inv_std = 1.0 / np.sqrt(var + eps)

    def dx(g, mean_term=True, var_term=True, scale=inv_std):
        bracket = g.copy()
        if mean_term:
            bracket -= g.sum(axis=-1, keepdims=True) / D
        if var_term:
            bracket -= x_hat * (g * x_hat).sum(axis=-1, keepdims=True) / D
        return scale * bracket

    g = gamma * d_out
    variants = {"right": dx(g), MISTAKE_NO_MEAN_TERM: dx(g, mean_term=False), MISTAKE_NO_VAR_TERM: dx(g, var_term=False),
                MISTAKE_CONSTANTS: dx(g, False, False), MISTAKE_NO_GAMMA: dx(d_out)}
    if D > 1:  # with D = 1 the variance is 0 and this mistake divides by it
        variants[MISTAKE_BACKWARD_NO_EPS] = dx(g, scale=1.0 / np.sqrt(var))
    return variants


def _mean_of_squares_variant(x, gamma, beta, eps, d_out):
    """A correct but less accurate layer norm: var = mean(x**2) - mean(x)**2 (out and dx)."""
    mu = x.mean(axis=-1, keepdims=True)
    inv_std = 1.0 / np.sqrt((x * x).mean(axis=-1, keepdims=True) - mu * mu + eps)
    x_hat = (x - mu) * inv_std
    g = gamma * d_out
    dx = inv_std * (g - g.mean(axis=-1, keepdims=True) - x_hat * (g * x_hat).mean(axis=-1, keepdims=True))
    return gamma * x_hat + beta, dx


def inputs(case):
    shape, eps = case
    rng = seeded(sum((i + 3) * s for i, s in enumerate(shape)) + (0 if eps is None else 50))
    rows = shape[:-1] + (1,)
    spread = rng.uniform(0.5, 2.0, size=rows) * (0.3 if eps is not None else 1.0)
    x = rng.uniform(-3.0, 3.0, size=rows) + spread * rng.normal(size=shape)
    D = shape[-1]
    gamma, beta, d_out = rng.uniform(0.5, 1.5, size=D), rng.normal(size=D), rng.normal(size=shape)
    e = DEFAULT_EPS if eps is None else eps
    out, dx = _mean_of_squares_variant(x, gamma, beta, e, d_out)
    assert within_tolerance(out, _forward(x, gamma, beta, e), RTOL / VARIANT_MARGIN, ATOL / VARIANT_MARGIN).all()
    assert within_tolerance(dx, _dx_variants(x, gamma, e, d_out)["right"], RTOL / VARIANT_MARGIN, ATOL / VARIANT_MARGIN).all()
    return x, gamma, beta, eps, d_out


INPUTS = {case_id(c): inputs(c) for c in CASES}


# ---- the probe: it runs in the learner's process, on every case of one rank, and returns plain data ----

def _pair(result, size):
    return isinstance(result, (tuple, list)) and len(result) == size


def every_case(m, rank):
    results = {}
    for key, (x, gamma, beta, eps, d_out) in INPUTS.items():
        if x.ndim != rank:
            continue
        fwd = m.layernorm_forward(x, gamma, beta) if eps is None else m.layernorm_forward(x, gamma, beta, eps)
        if not _pair(fwd, 2):
            results[key] = {"bad_return": f"layernorm_forward should return a pair (out, cache), got {type(fwd).__name__}"}
            continue
        grads = m.layernorm_backward(d_out, fwd[1])
        if not _pair(grads, 3):
            results[key] = {"bad_return": "layernorm_backward should return three arrays (dx, dgamma, dbeta), "
                                          f"got {type(grads).__name__}"}
            continue
        results[key] = {"out": fwd[0], "dx": grads[0], "dgamma": grads[1], "dbeta": grads[2],
                        "x": x, "gamma": gamma, "beta": beta, "d_out": d_out}
    return results


def learner_result(learner, case) -> dict:
    got = learner.run_once(every_case, len(case[0]), key=len(case[0]))[case_id(case)]
    if "bad_return" in got:
        raise CheckFailed(got["bad_return"], ("return out, cache — cache holds whatever layernorm_backward needs",))
    return got


def reference_result(reference, case) -> dict:
    return reference.run_once(every_case, len(case[0]), key=len(case[0]))[case_id(case)]


def _call(case) -> str:
    eps = case[1]
    return "layernorm_forward(x, gamma, beta" + ("" if eps is None else f", eps={eps:g}") + ")"


# ---- forward ----

@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_forward_matches_the_formula(learner, case):
    x, gamma, beta, eps, _ = INPUTS[case_id(case)]
    e = DEFAULT_EPS if eps is None else eps
    alternatives = {MISTAKE_BATCH_AXIS: _forward(x, gamma, beta, e, axes=(0,)),
                    MISTAKE_DDOF1: _forward(x, gamma, beta, e, ddof=1),
                    MISTAKE_EPS_OUTSIDE: _forward(x, gamma, beta, e, eps_outside=True),
                    MISTAKE_SWAPPED: _forward(x, beta, gamma, e)}
    if x.ndim == 3:  # batch norm over (N, T, D) pools every position of every sequence
        alternatives[MISTAKE_BATCH_AXIS + " (here axes 0 and 1)"] = _forward(x, gamma, beta, e, axes=(0, 1))
        alternatives[MISTAKE_T_AND_D] = _forward(x, gamma, beta, e, axes=(1, 2))
        alternatives[MISTAKE_AXIS_1] = _forward(x, gamma, beta, e, axes=(1,))
    if eps is not None:
        alternatives[MISTAKE_EPS_IGNORED] = _forward(x, gamma, beta, DEFAULT_EPS)
    expect_array(learner_result(learner, case)["out"], _forward(x, gamma, beta, e), name=f"out = {_call(case)}[0]",
                 inputs={"x": x}, alternatives=alternatives)


def test_forward_leaves_its_inputs_unchanged(learner):
    for case in CASES:
        x, gamma, beta, _, _ = INPUTS[case_id(case)]
        got = learner_result(learner, case)
        for name, before in (("x", x), ("gamma", gamma), ("beta", beta)):
            expect_unchanged(before, got[name], name=name)


@pytest.mark.parametrize("rank", RANKS, ids=lambda r: f"{r}-D")
def test_no_overflow_or_division_by_zero(learner, rank):
    # D = 1 is among the 2-D cases: var = 0 there, and eps (inside the root) keeps the division finite
    expect_no_warnings(learner.call_once(every_case, rank, key=rank), name=f"layernorm on {rank}-D input",
                       extra=("with D = 1 every x equals its row's mean: x - mu is 0 and var is 0, so x_hat must come out 0",))


# ---- backward, against the reference ----

@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_dx_matches_reference(learner, reference, case):
    x, gamma, _, eps, d_out = INPUTS[case_id(case)]
    variants = _dx_variants(x, gamma, DEFAULT_EPS if eps is None else eps, d_out)
    variants.pop("right")
    expect_array(learner_result(learner, case)["dx"], reference_result(reference, case)["dx"], name="dx",
                 inputs={"x": x, "d_out": d_out}, alternatives=variants)


def _param_alternatives(d_out, per_position, *, dgamma: bool, x=None) -> dict:
    alternatives = {MISTAKE_MEAN: per_position.mean(axis=_leading(per_position))} if d_out.size > d_out.shape[-1] else {}
    if d_out.ndim == 3:
        alternatives[MISTAKE_NOT_SUMMED_T] = per_position.sum(axis=0)
        alternatives[MISTAKE_NOT_SUMMED_T + " (here the sum is over T only)"] = per_position.sum(axis=1)
    if dgamma:
        alternatives[MISTAKE_DGAMMA_NO_XHAT] = d_out.sum(axis=_leading(d_out))
        alternatives[MISTAKE_DGAMMA_X] = (d_out * x).sum(axis=_leading(d_out))
    return alternatives


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_dgamma_matches_reference(learner, reference, case):
    x, _, _, eps, d_out = INPUTS[case_id(case)]
    per_position = d_out * _normalised(x, DEFAULT_EPS if eps is None else eps)
    expect_array(learner_result(learner, case)["dgamma"], reference_result(reference, case)["dgamma"], name="dgamma",
                 inputs={"x": x, "d_out": d_out}, alternatives=_param_alternatives(d_out, per_position, dgamma=True, x=x))


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_dbeta_matches_reference(learner, reference, case):
    x, _, _, _, d_out = INPUTS[case_id(case)]
    expect_array(learner_result(learner, case)["dbeta"], reference_result(reference, case)["dbeta"], name="dbeta",
                 inputs={"d_out": d_out}, alternatives=_param_alternatives(d_out, d_out, dgamma=False))


def test_a_single_feature_gives_beta_and_zero_dx(learner):
    case = ((3, 1), None)
    x, gamma, beta, _, d_out = INPUTS[case_id(case)]
    got = learner_result(learner, case)
    expect_array(got["out"], np.broadcast_to(beta, x.shape), name="out for D = 1", inputs={"x": x},
                 extra=("with D = 1 each x is its row's mean, so x_hat = 0 and out = beta",))
    expect_array(got["dx"], np.zeros_like(x), name="dx for D = 1", inputs={"x": x})
    expect_array(got["dgamma"], np.zeros_like(gamma), name="dgamma for D = 1")


# ---- backward, against central finite differences of L = sum(out * d_out) ----
# L is smooth (eps > 0 keeps the root away from 0). With h = 1e-5 a correct gradient stays below 5e-9
# relative error on these inputs (3e-9 at worst), twenty times inside the threshold. The forward here is trusted code.

def _loss(x, gamma, beta, eps, d_out) -> float:
    return float(np.sum(_forward(x, gamma, beta, DEFAULT_EPS if eps is None else eps) * d_out))


@pytest.mark.parametrize("case", FD_CASES, ids=case_id)
def test_dx_matches_finite_differences(learner, case):
    x, gamma, beta, eps, d_out = INPUTS[case_id(case)]
    numeric = numerical_gradient(lambda v: _loss(v, gamma, beta, eps, d_out), x.copy())
    expect_gradient(learner_result(learner, case)["dx"], numeric, name="dx")


@pytest.mark.parametrize("case", FD_CASES, ids=case_id)
def test_dgamma_matches_finite_differences(learner, case):
    x, gamma, beta, eps, d_out = INPUTS[case_id(case)]
    numeric = numerical_gradient(lambda v: _loss(x, v, beta, eps, d_out), gamma.copy())
    expect_gradient(learner_result(learner, case)["dgamma"], numeric, name="dgamma")


@pytest.mark.parametrize("case", FD_CASES, ids=case_id)
def test_dbeta_matches_finite_differences(learner, case):
    x, gamma, beta, eps, d_out = INPUTS[case_id(case)]
    numeric = numerical_gradient(lambda v: _loss(x, gamma, v, eps, d_out), beta.copy())
    expect_gradient(learner_result(learner, case)["dbeta"], numeric, name="dbeta")


def test_backward_leaves_its_inputs_unchanged(learner):
    for case in CASES:
        got = learner_result(learner, case)
        expect_unchanged(INPUTS[case_id(case)][4], got["d_out"], name="d_out")
