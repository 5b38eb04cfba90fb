"""Checks for softmax_backward: dL/dz = J^T dL/dp for p = softmax(z) over the last axis, any leading axes,
float64, rows summing to 0, inputs unchanged.

The learner's function runs once, in one sandboxed process, on every input below; each check reads
its own part of that run (`run_once`). A broadcasting ValueError is caught per input inside the
probe, so a missing keepdims is named on the input where it shows instead of ending the whole run.
"""

import numpy as np
import pytest

from quizprep.grading.api import (
    CheckFailed,
    expect_array,
    expect_float64_precision,
    expect_gradient,
    expect_unchanged,
    numerical_gradient,
    seeded,
    shape_id,
)

# (3, 6) comes first: with N > 1 and N != C, the axis-0 and missing-keepdims mistakes each show as
# themselves (with N = 1 a sum over axis 0 looks like the Jacobian's diagonal). (4, 4) is square: there
# a reduction without keepdims broadcasts along the wrong axis silently instead of raising. (1, 4) is a
# batch of one, (5,) a single row, (2, 3, 4) has two leading axes (a hard-coded axis=1 is wrong there).
SHAPES = [(3, 6), (4, 4), (1, 4), (5,), (2, 3, 4)]

# Finite differences of L(z) = sum(softmax(z) * d) with h = 1e-5: |L| < 5 here, so rounding adds about
# 2.2e-16 * 5 / 2e-5 ~ 6e-11 and truncation h^2/6 * |L'''| ~ 2e-11 to each entry. The seeds are chosen so
# that every entry of dL/dz is at least 0.02 in size (checked below): the relative error stays near 2e-9,
# far inside GRADCHECK_THRESHOLD (1e-7), while each classic mistake is off by 1e-2 or more.
FD_SEEDS = {(5,): 5, (1, 4): 0, (3, 5): 7, (2, 2, 3): 8}
FD_MIN = 0.02

# A constant added to a whole row of d_probs (between -4 and 6 here) must not change dL/dz.
ROW_SHIFT = np.array([[-4.0], [0.5], [6.0]])
SHIFT_SHAPE = (3, 5)


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def jacobian_vjp(p, d):
    """Trusted dL/dz, written with the explicit Jacobian diag(p) - p p^T of every row."""
    eye = np.eye(p.shape[-1])
    jac = p[..., :, None] * eye - p[..., :, None] * p[..., None, :]
    return np.einsum("...jk,...j->...k", jac, d)


def _inputs(shape, seed):
    rng = seeded(seed)
    return softmax(rng.normal(scale=1.5, size=shape)), rng.normal(size=shape)


INPUTS = {shape_id(s): _inputs(s, 50 + sum(s) + len(s)) for s in SHAPES}
INPUTS["single class"] = (np.ones((3, 1)), seeded(9).normal(size=(3, 1)))
_p, _d = _inputs(SHIFT_SHAPE, 4)
INPUTS["shift"], INPUTS["shifted"] = (_p, _d), (_p, _d + ROW_SHIFT)
FD_Z, FD_D = {}, {}
for _shape, _seed in FD_SEEDS.items():
    _rng = seeded(_seed)
    FD_Z[shape_id(_shape)], FD_D[shape_id(_shape)] = _rng.normal(size=_shape), _rng.normal(size=_shape)
    INPUTS["fd " + shape_id(_shape)] = (softmax(FD_Z[shape_id(_shape)]), FD_D[shape_id(_shape)])
    # the finite-difference inputs stay where the error estimate above holds
    assert np.min(np.abs(jacobian_vjp(*INPUTS["fd " + shape_id(_shape)]))) >= FD_MIN


def on_every_input(m):
    """softmax_backward on every input; each call gets its own copies, returned after the call."""
    out = {}
    for key, (p, d) in INPUTS.items():
        p, d = p.copy(), d.copy()
        try:
            out[key] = {"dz": m.softmax_backward(p, d), "probs": p, "d_probs": d}
        except ValueError as err:  # almost always a reduction without keepdims that does not broadcast back
            out[key] = {"error": f"{type(err).__name__}: {err}", "probs": p, "d_probs": d}
    return out


NO_KEEPDIMS = ("the per-row sum lost its axis (no keepdims=True), so it lines up with the wrong axis — "
               "sum with axis=-1, keepdims=True")


def mistakes(p, d):
    """What the classic mistakes return for p and d, computed here with trusted code."""
    out = {}
    if p.ndim >= 2:
        out["summed over axis 0, across the batch — each row is its own softmax: reduce over the last axis "
            "(axis=-1)"] = p * (d - (p * d).sum(axis=0, keepdims=True))
    if p.ndim >= 3:
        out["summed over axis 1, the last axis only for 2-D input — use axis=-1"] = p * (d - (p * d).sum(axis=1, keepdims=True))
    try:
        out[NO_KEEPDIMS] = p * (d - (p * d).sum(axis=-1))
    except ValueError:
        pass
    out.update({
        "only the diagonal of the Jacobian, p * (1 - p) * d — every p_j depends on every z_k of its row, so the "
        "off-diagonal terms -p_j * p_k count too": p * (1 - p) * d,
        "the correction term has the wrong sign — it is subtracted: each z_k loses p_k times the p-weighted sum "
        "of d_probs": p * (d + (p * d).sum(axis=-1, keepdims=True)),
        "the row's sum of d_probs is not weighted by p — the correction is p_k times sum_j p_j * d_j":
            p * (d - d.sum(axis=-1, keepdims=True)),
        "the result is not multiplied by p — every entry of the Jacobian carries a factor p":
            d - (p * d).sum(axis=-1, keepdims=True),
        "only p * d_probs: the term that comes from the normalisation (the off-diagonal -p_j * p_k) is missing": p * d,
        "the row's mean of d_probs was subtracted — the correction is the p-weighted sum, sum_j p_j * d_j, not the "
        "plain mean": p * (d - d.mean(axis=-1, keepdims=True)),
        "probs - d_probs is the gradient of softmax followed by cross-entropy with d_probs as the targets — here "
        "d_probs is an arbitrary dL/dp: apply the softmax's Jacobian to it": p - d,
    })
    if p.ndim >= 2:
        out["one p-weighted sum over the whole array, not one per row — reduce over the last axis only (axis=-1, "
            "keepdims=True)"] = p * (d - (p * d).sum())
    if p.ndim == 2:
        out["one C x C Jacobian for the whole batch (p.T @ p adds up every example's outer product) — each row "
            "has its own Jacobian diag(p) - p p^T"] = d @ (np.diag(p.sum(axis=0)) - p.T @ p)
    return out


def learner_dz(learner, key):
    got = learner.run_once(on_every_input)[key]
    if "error" in got:
        p, _ = INPUTS[key]
        hint = (f"likely mistake: {NO_KEEPDIMS}",) if "broadcast" in got["error"] else ()
        raise CheckFailed(f"softmax_backward(probs, d_probs) raised {got['error']}",
                          (f"input probs and d_probs: shape {p.shape}", *hint))
    return got["dz"]


@pytest.mark.parametrize("shape", SHAPES, ids=shape_id)
def test_matches_reference(learner, reference, shape):
    key = shape_id(shape)
    got = learner_dz(learner, key)
    want = reference.run_once(on_every_input)[key]["dz"]
    p, d = INPUTS[key]
    expect_float64_precision(got, name="softmax_backward(probs, d_probs)")
    expect_array(got, want, name="softmax_backward(probs, d_probs)", inputs={"probs": p, "d_probs": d},
                 alternatives=mistakes(p, d))


@pytest.mark.parametrize("shape", list(FD_SEEDS), ids=shape_id)
def test_matches_finite_differences_through_a_softmax(learner, shape):
    key = shape_id(shape)
    p, d = INPUTS["fd " + key]
    got = learner_dz(learner, "fd " + key)
    numeric = numerical_gradient(lambda z: float(np.sum(softmax(z) * FD_D[key])), FD_Z[key].copy())
    expect_gradient(got, numeric, name="dL/dz for L = sum(softmax(z) * d_probs)", alternatives=mistakes(p, d))


def test_rows_sum_to_zero(learner):
    got = learner_dz(learner, "3x6")
    p, d = INPUTS["3x6"]
    expect_array(got, jacobian_vjp(p, d), name="softmax_backward(probs, d_probs)", alternatives=mistakes(p, d))
    try:
        expect_array(got.sum(axis=-1), np.zeros(3), name="the row sums of dL/dz, .sum(axis=-1)")
    except CheckFailed as failed:
        raise CheckFailed(failed.message, failed.diagnosis + (
            "adding the same number to every logit of a row leaves its softmax unchanged, so the loss cannot change "
            "in that direction: each row of dL/dz sums to 0",)) from None


def test_a_constant_added_to_a_row_of_d_probs_changes_nothing(learner):
    plain, shifted = learner_dz(learner, "shift"), learner_dz(learner, "shifted")
    p, d = INPUTS["shift"]
    expect_array(plain, jacobian_vjp(p, d), name="softmax_backward(probs, d_probs)", alternatives=mistakes(p, d))
    try:
        expect_array(shifted, plain, name="softmax_backward(probs, d_probs + c)", inputs={"c": ROW_SHIFT})
    except CheckFailed as failed:
        raise CheckFailed(failed.message + " — it should equal softmax_backward(probs, d_probs)", failed.diagnosis + (
            "the p_j of a row sum to 1, so moving every d_j of the row by c moves the loss by exactly c whatever z is: "
            "that part of d_probs carries no gradient",)) from None


def test_a_single_class_gives_zero(learner):
    got = learner_dz(learner, "single class")
    p, d = INPUTS["single class"]
    expect_array(got, np.zeros((3, 1)), name="softmax_backward(probs, d_probs) with one class (probs all 1)",
                 inputs={"probs": p, "d_probs": d}, alternatives=mistakes(p, d))


def test_inputs_not_modified(learner):
    for key, got in learner.run_once(on_every_input).items():
        expect_unchanged(INPUTS[key][0], got["probs"], name="probs")
        expect_unchanged(INPUTS[key][1], got["d_probs"], name="d_probs")
