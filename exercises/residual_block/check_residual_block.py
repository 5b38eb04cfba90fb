"""Checks for residual_block: forward x + fc2(relu(fc1(x))); backward fills fc1's and fc2's dW and db
and returns dx with the skip path included, against finite differences and a formula written here;
several dims, a batch of one; x and d_out unchanged.

Every check assigns known W and b to fc1 and fc2, so nothing depends on the learner's random
numbers. The learner's block runs once per grade, on every case (`learner.run_once`).
"""

import numpy as np
import pytest

from quizprep.grading.api import (
    CheckFailed,
    expect_array,
    expect_gradient,
    expect_unchanged,
    numerical_gradient,
    seeded,
)

PARAMS = ("fc1.W", "fc1.b", "fc2.W", "fc2.b")
# (batch N, dim): a batch of one, dims from 1 to 5, N != dim mostly; N = 4 with dim = 3 first.
CASES = [(4, 3), (1, 5), (6, 2), (3, 1), (2, 4)]
FD_CASES = [(4, 3), (1, 5), (3, 1)]  # square, a batch of one, dim 1: finite differences on these
# fc1's pre-activations are drawn at least this far from ReLU's kink. A finite-difference step of
# h = 1e-5 on one entry of x, W1 or b1 moves a z1 by at most h times the largest |x| or |W1| entry
# (below 5, so by less than 1e-4), and no perturbation crosses the kink: L is linear in each entry
# wherever the check looks, so central differences are exact up to rounding: a correct gradient stays
# below 3e-9 relative error on these inputs (its smallest entries carry the ~1e-11 rounding).
KINK_MARGIN = 0.05

MISTAKE_NO_SKIP_DX = ("dx is missing the skip path — out = x + branch(x), so dx = d_out + what fc1.backward returns; "
                      "the d_out that goes straight to x is lost")
MISTAKE_MASK_Z2 = ("the ReLU mask is taken from fc2's output — the ReLU sits on fc1's output, so its gradient is "
                   "(z1 > 0), with z1 = fc1.forward(x) kept from forward")
MISTAKE_MASK_X = ("the ReLU mask is taken from the input x — the ReLU sits on fc1's output, so its gradient is "
                  "(z1 > 0), with z1 = fc1.forward(x) kept from forward")
MISTAKE_MASK_OUT = ("the ReLU mask is taken from the block's output — the ReLU sits on fc1's output, so its gradient is "
                    "(z1 > 0), with z1 = fc1.forward(x) kept from forward")
MISTAKE_NO_MASK = "the ReLU's gradient is missing — multiply what fc2.backward returns by (z1 > 0) before fc1.backward"
MISTAKE_UPSTREAM = ("fc1's gradients were computed from d_out — fc1 only sees the loss through the ReLU and fc2: pass "
                    "fc2.backward(d_out) * (z1 > 0) to fc1.backward")
MISTAKE_UPSTREAM_MASKED = ("fc1's gradients were computed from d_out * (z1 > 0), skipping fc2 — pass "
                           "fc2.backward(d_out) * (z1 > 0) to fc1.backward")
MISTAKE_ORDER = ("fc1.backward was called before fc2.backward (with d_out) — undo the branch from its end: fc2.backward(d_out) "
                 "first, then the ReLU, then fc1.backward")
MISTAKE_RELU_AFTER_ADD = ("a ReLU is applied after the addition, relu(x + fc2(...)) — this block returns x + fc2(relu(fc1(x))) "
                          "with nothing after the sum, so the skip passes x through untouched")
MISTAKE_W_NOT_T = ("a weight matrix is used untransposed on the way back (d_out @ W) — the gradient at a layer's input is "
                   "d_out @ W.T; square layers hide the mistake from the shapes")
MISTAKE_NO_SKIP = "the skip connection is missing — return x + fc2(relu(fc1(x))), not fc2(relu(fc1(x)))"
MISTAKE_NO_RELU = "the ReLU is missing — fc2 is applied to relu(fc1(x))"
NOT_SET = "<not set>"


def case_id(case) -> str:
    return "N{}_dim{}".format(*case)


def _branch(p, x, relu_on="z1"):
    z1 = x @ p["fc1.W"] + p["fc1.b"]
    a1 = np.maximum(z1, 0.0) if relu_on == "z1" else z1
    return z1, a1, a1 @ p["fc2.W"] + p["fc2.b"]


def inputs(case):
    """Weights, x and d_out, redrawn until every |z1| > KINK_MARGIN and each mistaken mask really differs."""
    n, dim = case
    rng = seeded(100 * n + dim)
    while True:
        p = {"fc1.W": rng.normal(size=(dim, dim)), "fc1.b": rng.normal(scale=0.5, size=dim),
             "fc2.W": rng.normal(size=(dim, dim)), "fc2.b": rng.normal(scale=0.5, size=dim)}
        x, d_out = rng.normal(size=(n, dim)), rng.normal(size=(n, dim))
        z1, _, z2 = _branch(p, x)
        active = z1 > 0
        if (np.abs(z1).min() > KINK_MARGIN and active.any() and (~active).any() and (x + z2 < 0).any()
                and all((mask != active).any() for mask in (z2 > 0, x > 0, x + z2 > 0))):
            return p, x, d_out


INPUTS = {case_id(c): inputs(c) for c in CASES}


# ---- trusted arithmetic: the block written here, and what each classic mistake gives ----

def forward_variants(p, x) -> dict:
    _, _, z2 = _branch(p, x)
    return {"right": x + z2, MISTAKE_RELU_AFTER_ADD: np.maximum(x + z2, 0.0), MISTAKE_NO_SKIP: z2,
            MISTAKE_NO_RELU: x + _branch(p, x, relu_on=None)[2]}


def gradients(p, x, d_out, *, mask_from="z1", upstream="fc2", skip=True) -> dict:
    """dx and the four parameter gradients of L = sum(out * d_out), or what one mistake gives instead."""
    z1, a1, z2 = _branch(p, x)
    mask = {"z1": z1 > 0, "z2": z2 > 0, "x": x > 0, "out": x + z2 > 0, "none": np.ones_like(z1, dtype=bool)}[mask_from]
    g = {"fc2.W": np.einsum("ni,nj->ij", a1, d_out), "fc2.b": np.einsum("nj->j", d_out)}
    if upstream == "fc2":  # the right one: through fc2, then the ReLU
        d_z1 = np.where(mask, np.einsum("nj,ij->ni", d_out, p["fc2.W"]), 0.0)
    elif upstream == "untransposed":  # hand-written backward with d @ W in place of d @ W.T, in both layers
        d_z1 = np.where(mask, np.einsum("nj,ji->ni", d_out, p["fc2.W"]), 0.0)
        g["fc1.W"], g["fc1.b"] = np.einsum("ni,nj->ij", x, d_z1), np.einsum("nj->j", d_z1)
        g["dx"] = d_out + np.einsum("nj,ji->ni", d_z1, p["fc1.W"])
        return g
    elif upstream == "d_out":
        d_z1 = d_out
    elif upstream == "d_out_masked":
        d_z1 = np.where(mask, d_out, 0.0)
    else:  # "fc1_first": fc1.backward(d_out) first, its result masked and passed to fc2.backward
        d_z1 = d_out
        d_a1 = np.where(mask, np.einsum("nj,ij->ni", d_out, p["fc1.W"]), 0.0)
        g = {"fc2.W": np.einsum("ni,nj->ij", a1, d_a1), "fc2.b": np.einsum("nj->j", d_a1)}
        g["fc1.W"], g["fc1.b"] = np.einsum("ni,nj->ij", x, d_z1), np.einsum("nj->j", d_z1)
        g["dx"] = d_out + np.einsum("nj,ij->ni", d_a1, p["fc2.W"])
        return g
    g["fc1.W"], g["fc1.b"] = np.einsum("ni,nj->ij", x, d_z1), np.einsum("nj->j", d_z1)
    g["dx"] = (d_out if skip else 0.0) + np.einsum("nj,ij->ni", d_z1, p["fc1.W"])
    return g


def mistakes(p, x, d_out, what: str) -> dict:
    kinds = {MISTAKE_MASK_Z2: {"mask_from": "z2"}, MISTAKE_MASK_X: {"mask_from": "x"}, MISTAKE_MASK_OUT: {"mask_from": "out"},
             MISTAKE_NO_MASK: {"mask_from": "none"}, MISTAKE_UPSTREAM: {"upstream": "d_out"},
             MISTAKE_UPSTREAM_MASKED: {"upstream": "d_out_masked"}, MISTAKE_ORDER: {"upstream": "fc1_first"},
             MISTAKE_W_NOT_T: {"upstream": "untransposed"}}
    if what == "dx":
        kinds[MISTAKE_NO_SKIP_DX] = {"skip": False}
    right = gradients(p, x, d_out)[what]
    found = {name: gradients(p, x, d_out, **flags)[what] for name, flags in kinds.items()}
    # a mistake that happens to give the right value on some case names nothing there
    return {name: value for name, value in found.items() if not np.allclose(value, right, rtol=1e-6, atol=1e-9)}


def _loss(p, x, d_out) -> float:
    return float(np.sum((x + _branch(p, x)[2]) * d_out))


# ---- the probe: it runs in the learner's process and returns plain data ----

def every_case(m):
    results = {}
    for key, (p, x, d_out) in INPUTS.items():
        block = m.ResidualBlock(x.shape[1])
        for name in PARAMS:
            layer, attr = name.split(".")
            setattr(getattr(block, layer), attr, p[name].copy())
        out = block.forward(x)
        dx = block.backward(d_out)
        grads = {name: getattr(getattr(block, name.split(".")[0]), "d" + name.split(".")[1], NOT_SET) for name in PARAMS}
        results[key] = {"out": out, "dx": dx, "grads": grads, "x": x, "d_out": d_out}
    return results


def learner_result(learner, case) -> dict:
    return learner.run_once(every_case)[case_id(case)]


def learner_grad(got: dict, name: str):
    layer, attr = name.split(".")
    g = got["grads"][name]
    if isinstance(g, str) and g == NOT_SET:
        raise CheckFailed(f"after backward(d_out), {layer}.d{attr} is not set",
                          (f"call self.{layer}.backward(...) with the gradient at {layer}'s output: it fills dW and db",))
    return g


PARAM_CASES = [(c, name) for c in CASES for name in PARAMS]


def _param_id(v) -> str:
    return v if isinstance(v, str) else case_id(v)


# ---- forward ----

@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_forward_matches_the_formula(learner, case):
    p, x, _ = INPUTS[case_id(case)]
    variants = forward_variants(p, x)
    want = variants.pop("right")
    expect_array(learner_result(learner, case)["out"], want, name="forward(x)", inputs={"x": x}, alternatives=variants)


def test_forward_leaves_x_unchanged(learner):
    for case in CASES:
        expect_unchanged(INPUTS[case_id(case)][1], learner_result(learner, case)["x"], name="x")


# ---- backward, against the formula (fc2 first: a gradient is only as right as the ones it was built from) ----

@pytest.mark.parametrize("case,name", [pc for pc in PARAM_CASES if pc[1].startswith("fc2")], ids=_param_id)
def test_fc2_gradients_match_the_formula(learner, case, name):
    p, x, d_out = INPUTS[case_id(case)]
    layer, attr = name.split(".")
    expect_array(learner_grad(learner_result(learner, case), name), gradients(p, x, d_out)[name],
                 name=f"{layer}.d{attr} after backward(d_out)", inputs={"x": x, "d_out": d_out},
                 alternatives=mistakes(p, x, d_out, name))


@pytest.mark.parametrize("case,name", [pc for pc in PARAM_CASES if pc[1].startswith("fc1")], ids=_param_id)
def test_fc1_gradients_match_the_formula(learner, case, name):
    p, x, d_out = INPUTS[case_id(case)]
    layer, attr = name.split(".")
    expect_array(learner_grad(learner_result(learner, case), name), gradients(p, x, d_out)[name],
                 name=f"{layer}.d{attr} after backward(d_out)", inputs={"x": x, "d_out": d_out},
                 alternatives=mistakes(p, x, d_out, name))


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_dx_matches_the_formula(learner, case):
    p, x, d_out = INPUTS[case_id(case)]
    expect_array(learner_result(learner, case)["dx"], gradients(p, x, d_out)["dx"],
                 name="the value backward(d_out) returns (dL/dx)", inputs={"x": x, "d_out": d_out},
                 alternatives=mistakes(p, x, d_out, "dx"))


# ---- backward, against central finite differences of L = sum(out * d_out) ----

@pytest.mark.parametrize("case", FD_CASES, ids=case_id)
def test_dx_matches_finite_differences(learner, case):
    p, x, d_out = INPUTS[case_id(case)]
    numeric = numerical_gradient(lambda v: _loss(p, v, d_out), x.copy())
    expect_gradient(learner_result(learner, case)["dx"], numeric, name="dL/dx (backward's return value)",
                    alternatives={MISTAKE_NO_SKIP_DX: numeric - d_out})


@pytest.mark.parametrize("case,name", [pc for pc in PARAM_CASES if pc[0] in FD_CASES], ids=_param_id)
def test_parameter_gradients_match_finite_differences(learner, case, name):
    p, x, d_out = INPUTS[case_id(case)]
    numeric = numerical_gradient(lambda v: _loss({**p, name: v}, x, d_out), p[name].copy())
    layer, attr = name.split(".")
    expect_gradient(learner_grad(learner_result(learner, case), name), numeric, name=f"{layer}.d{attr}")


def test_backward_leaves_d_out_unchanged(learner):
    for case in CASES:
        expect_unchanged(INPUTS[case_id(case)][2], learner_result(learner, case)["d_out"], name="d_out")
