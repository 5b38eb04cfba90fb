"""Checks for batchnorm: training-mode forward (per-column batch statistics, biased variance, eps
inside the square root, then gamma * x_hat + beta) and its backward (dx, dgamma, dbeta), with the
edge cases N = 1 and N = 2, inputs left unchanged.

Every call of the grade runs in one sandboxed process (`every_run`): forward on each case, forward then
backward on each case, and the affine pair on the large batch, each a `guarded` part with arrays of its
own, so an exception in one part fails the checks that read that part only.
"""

import warnings

import numpy as np
import pytest

from quizprep.grading.api import (
    CheckFailed,
    describe_type,
    expect_array,
    expect_gradient,
    expect_no_warnings,
    expect_true,
    expect_unchanged,
    guarded,
    numerical_gradient,
    seeded,
)

DEFAULT_EPS = 1e-5
# (N, D, eps); eps None means "call without it, so the default 1e-5 applies". N > 1 comes first (a
# batch of one cannot tell the biased variance from the unbiased one); then N = 2, N = 1, a single
# column, a small-variance batch with eps = 0.1 where eps visibly changes the answer, and N = 2 with eps = 1.
CASES = [(8, 3, None), (2, 4, None), (1, 3, None), (5, 1, None), (6, 2, 0.1), (2, 3, 1.0)]
# With N = 2 and the default eps, x_hat is +-|d| / sqrt(d^2 + eps) for d = (x1 - x2) / 2, nearly +-1
# whatever x is: dx is tiny (down to 9e-6 on these inputs), too close to finite differences' rounding
# error for a 1e-7 relative check, so that case is checked against the reference only. N = 2 with eps = 1
# has an O(1) dx and is gradient-checked.
FD_CASES = [(8, 3, None), (6, 2, 0.1), (2, 3, 1.0)]
BATCH_OF_ONE = (1, 3, None)

# The normalisation check uses a large batch with means far from 0 and spreads far from 1.
STATS_SHAPE = (500, 4)
# Column means of x_hat are 0 up to rounding (~1e-16 per term): 1e-10 still leaves a million-fold margin.
MEAN_ATOL = 1e-10
# With gamma = 1 the column std of out is sqrt(var / (var + eps)) = 1 - eps / (2 var) + ...: with every
# var >= 1 here that is within 5e-6 of 1. 1e-4 accepts it; the unbiased variance (ddof=1) lands at
# sqrt((N-1)/N) = 1 - 1e-3 for N = 500 and is rejected.
STD_ATOL = 1e-4

MISTAKE_DDOF1 = ("the variance is unbiased (ddof=1, divides by N - 1) — batch norm uses the biased variance: "
                 "x.var(axis=0), which divides by N")
MISTAKE_EPS_OUTSIDE = "eps is added outside the square root — divide by np.sqrt(var + eps), not np.sqrt(var) + eps"
MISTAKE_EPS_IGNORED = "the eps argument is ignored — use the eps passed in, not a hard-coded 1e-5"
MISTAKE_AXIS1 = "the statistics are taken over the features (axis=1) — batch norm normalises each column over the batch (axis=0)"
MISTAKE_SWAPPED = "gamma and beta are swapped — out = gamma * x_hat + beta"
MISTAKE_MU_VAR_CONSTANT = ("dx treats mu and var as constants (d_out * gamma / sqrt(var + eps)) — they depend on every x "
                           "in the column, so dx also needs the paths through mu and var")
MISTAKE_NO_GAMMA = "dx is missing the factor gamma — dL/dx_hat = d_out * gamma"
MISTAKE_DGAMMA_X = "dgamma uses x instead of x_hat — dgamma = (d_out * x_hat).sum(axis=0)"
MISTAKE_DBETA_MEAN = "dbeta is the mean of d_out over the batch — it is the sum d_out.sum(axis=0)"


def case_id(case) -> str:
    n, d, eps = case
    return f"N{n}_D{d}" + (f"_eps{eps:g}" if eps is not None else "")


def inputs(case):
    n, d, eps = case
    rng = seeded(100 * n + 10 * d + (1 if eps is None else 7))
    scale = rng.uniform(0.5, 2.0, size=d) * (0.3 if eps is not None else 1.0)
    x = rng.normal(size=d) * 2 + scale * rng.normal(size=(n, d))
    gamma, beta, d_out = rng.uniform(0.5, 1.5, size=d), rng.normal(size=d), rng.normal(size=(n, d))
    return x, gamma, beta, eps, d_out


def stats_inputs():
    rng = seeded(5)
    n, d = STATS_SHAPE
    x = rng.uniform(-20, 20, size=d) + rng.uniform(1.0, 10.0, size=d) * rng.normal(size=(n, d))
    return x, rng.uniform(0.5, 3.0, size=d), rng.normal(size=d)


# ---- trusted arithmetic: finite differences and the values classic mistakes produce ----

def _forward(x, gamma, beta, eps, *, ddof=0, eps_outside=False, axis=0):
    with warnings.catch_warnings(), np.errstate(all="ignore"):  # ddof=1 with N = 1 is 0/0, on purpose
        warnings.simplefilter("ignore")
        mu = x.mean(axis=axis, keepdims=True)
        var = x.var(axis=axis, ddof=ddof, keepdims=True)
        x_hat = (x - mu) / (np.sqrt(var) + eps if eps_outside else np.sqrt(var + eps))
    return gamma * x_hat + beta


def _dx_mu_var_constant(x, gamma, eps, d_out):
    return d_out * gamma / np.sqrt(x.var(axis=0) + eps)


# ---- probes: they run in the learner's process and return plain data ----

def _call_forward(m, x, gamma, beta, eps):
    return m.batchnorm_forward(x, gamma, beta) if eps is None else m.batchnorm_forward(x, gamma, beta, eps)


def _pair(result, size):
    return isinstance(result, (tuple, list)) and len(result) == size


def forward_probe(m, x, gamma, beta, eps):
    result = _call_forward(m, x, gamma, beta, eps)
    if not _pair(result, 2):
        return {"bad_return": f"batchnorm_forward should return a pair (out, cache), got {type(result).__name__}"}
    return {"out": result[0], "x": x, "gamma": gamma, "beta": beta}


def backward_probe(m, x, gamma, beta, eps, d_out):
    result = _call_forward(m, x, gamma, beta, eps)
    if not _pair(result, 2):
        return {"bad_return": f"batchnorm_forward should return a pair (out, cache), got {type(result).__name__}"}
    grads = m.batchnorm_backward(d_out, result[1])
    if not _pair(grads, 3):
        return {"bad_return": f"batchnorm_backward should return three arrays (dx, dgamma, dbeta), got {type(grads).__name__}"}
    return {"dx": grads[0], "dgamma": grads[1], "dbeta": grads[2], "d_out": d_out, "x": x, "gamma": gamma, "beta": beta}


def affine_probe(m, x, gamma, beta):
    """The output without scale and shift (gamma = 1, beta = 0), and with them."""
    d = x.shape[1]
    plain, affine = m.batchnorm_forward(x, np.ones(d), np.zeros(d)), m.batchnorm_forward(x, gamma, beta)
    return [r[0] if _pair(r, 2) else type(r).__name__ for r in (plain, affine)]


# ---- every input of the grade: (probe, *args) per part of the shared run ----
# Every part has arrays of its own, even where two parts have the same values (`inputs` draws them
# afresh at each call): the parts run one after the other in one process, so a forward that changes x in
# place must not hand the next part a changed x, as it could not when every part was a process of its own.

def forward_part(case) -> str:
    return f"forward {case_id(case)}"


def backward_part(case) -> str:
    return f"backward {case_id(case)}"


RUNS = {
    **{forward_part(case): (forward_probe, *inputs(case)[:4]) for case in CASES},
    "affine": (affine_probe, *stats_inputs()),
    **{backward_part(case): (backward_probe, *inputs(case)) for case in CASES},
}


def every_run(m):
    """Every call of the grade in one sandboxed run, each a part of its own."""
    return {name: guarded(m, probe, *args) for name, (probe, *args) in RUNS.items()}


def case_inputs(case):
    """x, gamma, beta, eps, d_out of `case` as the check has them, untouched by the learner's run (its forward part
    has arrays of its own, of the same values)."""
    return RUNS[backward_part(case)][1:]


def forward_result(learner, case) -> dict:
    got = learner.part(every_run, forward_part(case)).value
    if "bad_return" in got:
        raise CheckFailed(got["bad_return"], ("return out, cache — cache holds whatever batchnorm_backward needs",))
    return got


def backward_result(learner, case) -> dict:
    got = learner.part(every_run, backward_part(case)).value
    if "bad_return" in got:
        raise CheckFailed(got["bad_return"])
    return got


def affine_outputs(learner):
    x = RUNS["affine"][1]
    outs = learner.part(every_run, "affine").value
    for out, args in zip(outs, ("ones, zeros", "gamma, beta"), strict=True):
        if isinstance(out, str):
            raise CheckFailed(f"batchnorm_forward should return a pair (out, cache), got {out}")
        expect_true(isinstance(out, np.ndarray) and out.shape == x.shape,
                    f"batchnorm_forward(x, {args})[0] should be an array of shape {x.shape}, got {describe_type(out)}")
    return outs


# ---- forward ----

@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_forward_matches_reference(learner, reference, case):
    x, gamma, beta, eps, _ = case_inputs(case)
    got = forward_result(learner, case)
    want = reference.run(forward_probe, x, gamma, beta, eps)["out"]
    e = DEFAULT_EPS if eps is None else eps
    alternatives = {MISTAKE_DDOF1: _forward(x, gamma, beta, e, ddof=1), MISTAKE_EPS_OUTSIDE: _forward(x, gamma, beta, e, eps_outside=True),
                    MISTAKE_AXIS1: _forward(x, gamma, beta, e, axis=1), MISTAKE_SWAPPED: _forward(x, beta, gamma, e)}
    if eps is not None:
        alternatives[MISTAKE_EPS_IGNORED] = _forward(x, gamma, beta, DEFAULT_EPS)
    call = "batchnorm_forward(x, gamma, beta)" if eps is None else f"batchnorm_forward(x, gamma, beta, eps={eps:g})"
    expect_array(got["out"], want, name=f"out = {call}[0]", inputs={"x": x}, alternatives=alternatives)


def test_output_columns_have_mean_0_and_std_1(learner):
    x = RUNS["affine"][1]
    plain, _ = affine_outputs(learner)
    mean, std = plain.mean(axis=0), plain.std(axis=0)
    expect_true(bool(np.all(np.abs(mean) <= MEAN_ATOL)),
                f"with gamma = 1 and beta = 0 the output's column means are {np.round(mean, 6).tolist()}, expected 0",
                "subtract each column's mean over the batch: x.mean(axis=0)")
    hint = ("likely mistake: " + MISTAKE_DDOF1,) if np.allclose(std, np.sqrt(1 - 1 / len(x)), atol=STD_ATOL) else ()
    expect_true(bool(np.all(np.abs(std - 1) <= STD_ATOL)),
                f"with gamma = 1 and beta = 0 the output's column standard deviations are {np.round(std, 6).tolist()}, expected 1",
                "divide by each column's standard deviation over the batch, np.sqrt(x.var(axis=0) + eps)", *hint)


def test_gamma_scales_and_beta_shifts(learner):
    _, x, gamma, beta = RUNS["affine"]
    plain, affine = affine_outputs(learner)
    expect_array(affine, gamma * plain + beta, name="out with gamma and beta", inputs={"x": x, "gamma": gamma},
                 alternatives={MISTAKE_SWAPPED: beta * plain + gamma,
                               "gamma is applied before normalising (where it cancels) — scale x_hat: gamma * x_hat + beta": plain + beta})


def test_forward_leaves_its_inputs_unchanged(learner):
    for case in CASES:
        x, gamma, beta, _, _ = case_inputs(case)
        got = forward_result(learner, case)
        expect_unchanged(x, got["x"], name="x")
        expect_unchanged(gamma, got["gamma"], name="gamma")
        expect_unchanged(beta, got["beta"], name="beta")


# ---- backward, against the reference ----

@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_dx_matches_reference(learner, reference, case):
    x, gamma, beta, eps, d_out = case_inputs(case)
    got = backward_result(learner, case)
    want = reference.run(backward_probe, x, gamma, beta, eps, d_out)
    e = DEFAULT_EPS if eps is None else eps
    no_gamma = reference.run(backward_probe, x, np.ones_like(gamma), beta, eps, d_out)["dx"]
    expect_array(got["dx"], want["dx"], name="dx", inputs={"x": x, "d_out": d_out},
                 alternatives={MISTAKE_MU_VAR_CONSTANT: _dx_mu_var_constant(x, gamma, e, d_out), MISTAKE_NO_GAMMA: no_gamma})


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_dgamma_matches_reference(learner, reference, case):
    x, gamma, beta, eps, d_out = case_inputs(case)
    got = backward_result(learner, case)
    want = reference.run(backward_probe, x, gamma, beta, eps, d_out)
    expect_array(got["dgamma"], want["dgamma"], name="dgamma", inputs={"x": x, "d_out": d_out},
                 alternatives={MISTAKE_DGAMMA_X: (d_out * x).sum(axis=0)})


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_dbeta_matches_reference(learner, reference, case):
    x, gamma, beta, eps, d_out = case_inputs(case)
    got = backward_result(learner, case)
    want = reference.run(backward_probe, x, gamma, beta, eps, d_out)
    alternatives = {MISTAKE_DBETA_MEAN: d_out.mean(axis=0)} if len(x) > 1 else None
    expect_array(got["dbeta"], want["dbeta"], name="dbeta", inputs={"d_out": d_out}, alternatives=alternatives)


def test_batch_of_one_gives_beta_and_zero_dx_without_nan(learner):
    x, gamma, beta, eps, d_out = case_inputs(BATCH_OF_ONE)
    why = "with N = 1 each x equals its column mean, so x - mu = 0 and var = 0: x_hat = 0 and out = beta"
    expect_array(forward_result(learner, BATCH_OF_ONE)["out"], np.broadcast_to(beta, x.shape),
                 name="out for a batch of one", inputs={"x": x}, alternatives={why: np.full(x.shape, np.nan)})
    grads = backward_result(learner, BATCH_OF_ONE)
    expect_array(grads["dx"], np.zeros_like(x), name="dx for a batch of one", inputs={"x": x})
    expect_array(grads["dgamma"], np.zeros_like(gamma), name="dgamma for a batch of one")
    expect_array(grads["dbeta"], d_out[0], name="dbeta for a batch of one")
    expect_no_warnings(learner.part(every_run, forward_part(BATCH_OF_ONE)), name="batchnorm_forward on a batch of one")
    expect_no_warnings(learner.part(every_run, backward_part(BATCH_OF_ONE)), name="batchnorm_backward on a batch of one")


# ---- backward, against central finite differences of L = sum(out * d_out) ----
# The loss is smooth (eps > 0 keeps the square root away from 0); with h = 1e-5 the relative error of
# a correct gradient stays below 1e-8 on these inputs. The forward used here is trusted code.

def _loss(x, gamma, beta, eps, d_out) -> float:
    return float(np.sum(_forward(x, gamma, beta, DEFAULT_EPS if eps is None else eps) * d_out))


@pytest.mark.parametrize("case", FD_CASES, ids=case_id)
def test_dx_matches_finite_differences(learner, case):
    x, gamma, beta, eps, d_out = case_inputs(case)
    numeric = numerical_gradient(lambda v: _loss(v, gamma, beta, eps, d_out), x.copy())
    expect_gradient(backward_result(learner, case)["dx"], numeric, name="dx")


@pytest.mark.parametrize("case", FD_CASES, ids=case_id)
def test_dgamma_matches_finite_differences(learner, case):
    x, gamma, beta, eps, d_out = case_inputs(case)
    numeric = numerical_gradient(lambda v: _loss(x, v, beta, eps, d_out), gamma.copy())
    expect_gradient(backward_result(learner, case)["dgamma"], numeric, name="dgamma")


@pytest.mark.parametrize("case", FD_CASES, ids=case_id)
def test_dbeta_matches_finite_differences(learner, case):
    x, gamma, beta, eps, d_out = case_inputs(case)
    numeric = numerical_gradient(lambda v: _loss(x, gamma, v, eps, d_out), beta.copy())
    expect_gradient(backward_result(learner, case)["dbeta"], numeric, name="dbeta")


def test_backward_leaves_its_inputs_unchanged(learner):
    for case in CASES:
        x, gamma, beta, _, d_out = case_inputs(case)
        got = backward_result(learner, case)
        expect_unchanged(d_out, got["d_out"], name="d_out")
        expect_unchanged(x, got["x"], name="x")
        expect_unchanged(gamma, got["gamma"], name="gamma")
