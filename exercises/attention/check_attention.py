"""Checks for attention: softmax(Q K^T / sqrt(d)) V over the last two axes, with any leading batch axes,
Tq != Tk, d != dv, an optional causal mask (exactly zero weight on the future), stable for scores of
±1e4 without warnings, and its backward (dQ, dK, dV) against an explicit per-row softmax Jacobian and
finite differences; inputs left unchanged.

One learner run per grade, shared by every check, in two `guarded` parts: every ordinary case, and the
scores of ±1e4 (a part of its own, so that its warnings and its exceptions are its own). The named
mistakes are worked out only for a result that is wrong (`_expect`), and the finite differences
differentiate a vectorised loss (`_loss`), so a right submission's grade costs little arithmetic here.
"""

import functools
import traceback

import numpy as np
import pytest

from quizprep.grading.api import (
    CheckFailed,
    expect_array,
    expect_gradient,
    expect_no_warnings,
    expect_true,
    expect_unchanged,
    guarded,
    numerical_gradient,
    seeded,
)

# key: (leading axes, Tq, Tk, d, dv, causal). The first case is 2-D, causal and square, so a backward
# mistake that only shows when Tq == Tk (dQ and dK swapped, P @ d_out) is named before a Tq != Tk case
# turns it into a shape error. No case has a leading axis equal to d: there `.T`, which reverses every
# axis, always gives a shape error instead of silently wrong numbers.
CASES = {
    "T4_causal_d3_dv5": ((), 4, 4, 3, 5, True),
    "Tq3_Tk5_d4_dv2": ((), 3, 5, 4, 2, False),
    "Tq1_Tk4_d2_dv3": ((), 1, 4, 2, 3, False),
    "B2_Tq4_Tk3_d3_dv2": ((2,), 4, 3, 3, 2, False),
    "B3_T5_causal_d2_dv3": ((3,), 5, 5, 2, 3, True),
    "B2xH3_T3_causal_d4_dv2": ((2, 3), 3, 3, 4, 2, True),
    "B2xH2_Tq2_Tk4_d3_dv3": ((2, 2), 2, 4, 3, 3, False),
    "B2_T1_causal_d3_dv2": ((2,), 1, 1, 3, 2, True),
}
SEEDS = dict(zip(CASES, (1, 2, 3, 4, 5, 16, 7, 8), strict=True))
# Finite differences of L = sum(out * d_out) on tiny cases (~250 entries in all). The scores are O(1),
# so central differences with h = 1e-5 are off by ~1e-11 in absolute terms, and the relative error of
# a correct gradient is ~1e-11 / |entry|: the seeds (SEEDS) give every entry of these cases |g| >= 2e-3,
# so a correct gradient lands below 4e-9, 25x inside the 1e-7 threshold (a small entry elsewhere,
# e.g. 1e-6, would put a correct gradient at the threshold). Entries that are exactly 0 (query 0 of a
# causal mask sees key 0 only) come out exactly 0 both ways.
FD_CASES = ["T4_causal_d3_dv5", "B2xH3_T3_causal_d4_dv2", "B2xH2_Tq2_Tk4_d3_dv3"]
GRADS = ("dV", "dQ", "dK")
WEIGHTS = "T4_causal_V_identity"  # V = I, so out is the attention weights themselves


def _inputs(seed, lead, tq, tk, d, dv):
    rng = seeded(seed)
    return (rng.normal(size=lead + (tq, d)), rng.normal(size=lead + (tk, d)), rng.normal(size=lead + (tk, dv)),
            rng.normal(size=lead + (tq, dv)))


INPUTS = {key: (*_inputs(SEEDS[key], *spec[:5]), spec[5]) for key, spec in CASES.items()}
_q, _k, _, _ = _inputs(9, (), 4, 4, 3, 4)
INPUTS[WEIGHTS] = (_q, _k, np.eye(4), np.ones((4, 4)), True)


def _huge_inputs():
    """Scores of ±1e4. Case 1: K = I with d = 4, so the scores are exactly Q / 2 and can be chosen:
    row 1 is a near tie (9e3 against 9e3 - 1), row 2 sits near -1e4 (a max taken over the whole array
    instead of each row leaves it at 0 / 0), row 3 spans 1.9e4, and the masked future holds the largest
    scores of all, 1e3 above the visible ones of rows 0 and 1 (a softmax over every key, masked and
    renormalised afterwards, leaves those rows at 0 / 0 too, while the whole-array max does not).
    Case 2: random batched scores scaled so the largest is 1e4."""
    s = np.array([[9e3, 1e4, 1e4, 1e4],
                  [9e3, 9e3 - 1.0, 1e4, 1e4],
                  [-1e4, -1e4 + 2.0, -1e4 + 0.5, 1e4],
                  [9e3, 0.0, -1e4, 9e3 - 3.0]])
    rng = seeded(77)
    first = (2 * s, np.eye(4), rng.normal(size=(4, 3)), rng.normal(size=(4, 3)), True)
    Q, K = rng.normal(size=(2, 3, 4)), rng.normal(size=(2, 5, 4))
    Q *= 1e4 / np.abs(np.einsum("bid,bjd->bij", Q, K) / 2).max()
    second = (Q, K, rng.normal(size=(2, 5, 2)), rng.normal(size=(2, 3, 2)), False)
    return {"T4_causal_scores_1e4": first, "B2_Tq3_Tk5_scores_1e4": second}


HUGE = _huge_inputs()

SWAPAXES = ("on batched input .T reverses ALL the axes ((B, T, d) becomes (d, T, B)) — to transpose the last two "
            "axes only, whatever the leading axes, use swapaxes(-1, -2)")
M_SCALE_D = "the scores are divided by d instead of sqrt(d) — scale Q @ K^T by 1 / np.sqrt(d)"
M_NO_SCALE = "the scores are not scaled — divide Q @ K^T by np.sqrt(d), d = Q.shape[-1]"
M_MASK_AFTER = ("the mask was applied after the softmax: future weights were zeroed without renormalising, so the rows "
                "no longer sum to 1 — set the future scores to -inf (or a large negative number) before the softmax")
M_RENORMALISE = ("the mask was applied after the softmax and the rows renormalised — right in exact arithmetic, but when a "
                 "hidden score is the row's largest, the visible weights underflow to 0 and the row becomes 0 / 0: set "
                 "the future scores to -inf (or a large negative number) before the softmax")
M_SMALL_FILL = ("the masked scores were only pushed down by about 1e4 (an additive -10000 mask) — with scores as large as "
                "1e4 that leaves weight on the future: use -np.inf or a fill far beyond any score, such as -1e9")
M_SCALE_DV = "the scores are divided by sqrt(dv), the value size — the scale is 1 / np.sqrt(d), d = Q.shape[-1]"
M_BWD_NO_MASK = ("the backward's attention weights ignore the causal mask (recomputed without it) — the future keys got "
                 "no weight in the forward, so they get no gradient: use the masked P")
M_MASK_DIAGONAL = "the mask also hides the diagonal — position i attends to every j <= i, itself included (np.triu(..., k=1))"
M_MASK_PAST = "the mask hides the past instead of the future — query i may attend to keys j <= i"
M_QUERY_AXIS = "the softmax ran over the queries (axis -2) — each query's weights are normalised over the keys, axis=-1"
M_GLOBAL_MAX = ("the max of all the scores was subtracted instead of each row's: a row far below it underflows to 0 / 0 "
                "— subtract scores.max(axis=-1, keepdims=True)")
NAN_HINT = ("NaN with ordinary scores usually comes from the mask: 0 * inf is NaN, so mask * -np.inf poisons the visible "
            "entries too — use np.where(mask, -np.inf, scores) (or a large negative fill)")
M_BWD_NO_SCALE = "the backward is missing the 1/sqrt(d) of the scores: dQ and dK come out sqrt(d) times too big"
M_BWD_SCALE_D = "the backward scales by 1/d instead of 1/sqrt(d): dQ and dK come out sqrt(d) times too small"
M_SWAPPED = "dQ and dK are swapped — dQ pairs d(scores) with K, dK pairs its transpose with Q"
M_DV = "dV was computed as P @ d_out — it is P^T @ d_out: key j collects the d_out of every query that attended to it"
M_DIAG_JACOBIAN = ("the softmax backward treats each weight on its own (P * (1 - P) * dP) — every score in a row moves "
                   "every weight in it: d(scores) = P * (dP - (P * dP).sum(axis=-1, keepdims=True))")
M_NO_ROW_TERM = ("the softmax backward is missing the row term: P * dP alone — subtract each row's P-weighted mean of dP "
                 "first: P * (dP - (P * dP).sum(axis=-1, keepdims=True))")


# ---- probes: they run in the learner's process and return plain data ----

def _raised(m, where, exc):
    learner_file = getattr(m, "__file__", None)
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == learner_file]
    line = f"line {frames[-1].lineno}: {frames[-1].line}" if frames else ""
    return {"error": f"{where} raised {type(exc).__name__}: {exc}", "line": line}


def _run_case(m, Q, K, V, d_out, causal, backward=True):
    try:
        result = m.attention_forward(Q, K, V, causal=True) if causal else m.attention_forward(Q, K, V)
    except (ValueError, IndexError) as exc:
        return _raised(m, "attention_forward", exc)
    if not (isinstance(result, (tuple, list)) and len(result) == 2):
        return {"bad_return": f"attention_forward should return a pair (out, cache), got {type(result).__name__}"}
    got = {"out": result[0], "Q": Q, "K": K, "V": V}
    if not backward:
        return got
    try:
        grads = m.attention_backward(d_out, result[1])
    except (ValueError, IndexError) as exc:
        return {**got, **_raised(m, "attention_backward", exc)}
    if not (isinstance(grads, (tuple, list)) and len(grads) == 3):
        return {**got, "bad_return": f"attention_backward should return three arrays (dQ, dK, dV), got {type(grads).__name__}"}
    return {**got, "dQ": grads[0], "dK": grads[1], "dV": grads[2], "d_out": d_out}


def every_case(m):
    return {key: _run_case(m, Q, K, V, d_out, causal, backward=key != WEIGHTS) for key, (Q, K, V, d_out, causal) in INPUTS.items()}


def huge_cases(m):
    return {key: _run_case(m, *args) for key, args in HUGE.items()}


def every_run(m):
    """The grade's one sandboxed run: the ordinary cases and the scores of ±1e4, each part failing on its own."""
    return {"cases": guarded(m, every_case), "huge": guarded(m, huge_cases)}


PARTS = {every_case: "cases", huge_cases: "huge"}


# ---- trusted arithmetic, written unlike the reference: per batch element, per row, over explicit index sets ----

def _allowed(tq, tk, causal, mask):
    i, j = np.arange(tq)[:, None], np.arange(tk)[None, :]
    if not causal:
        return np.ones((tq, tk), dtype=bool)
    return {"future": j <= i, "diagonal": j < i, "past": j >= i}[mask]


def _weights(S, allowed, axis="keys", shift=None):
    """Softmax of each row (or column) of S over its allowed entries; 0 elsewhere; NaN for an empty row."""
    P = np.zeros_like(S)
    lines = range(S.shape[0]) if axis == "keys" else range(S.shape[1])
    for n in lines:
        ok = allowed[n] if axis == "keys" else allowed[:, n]
        s = S[n, ok] if axis == "keys" else S[ok, n]
        e = np.exp(s - (s.max() if shift is None else shift)) if s.size else s
        w = e / e.sum() if s.size else np.nan
        if axis == "keys":
            P[n, ok] = w
            if not s.size:
                P[n] = np.nan
        else:
            P[ok, n] = w
    return P


def _flat(a):
    return a.reshape((-1,) + a.shape[-2:])


def attention(Q, K, V, causal, *, scale=None, mask="future", axis="keys", mask_after=False, global_max=False,
              additive=None):
    """out for the correct attention, or for one named forward mistake."""
    d = Q.shape[-1]
    c = 1 / np.sqrt(d) if scale is None else scale
    Qb, Kb, Vb = _flat(Q), _flat(K), _flat(V)
    S_all = [c * np.einsum("ik,jk->ij", Qb[b], Kb[b]) for b in range(len(Qb))]
    allowed = _allowed(Q.shape[-2], K.shape[-2], causal, mask)
    shift = max(float(S[allowed].max()) for S in S_all) if global_max else None
    outs = []
    with np.errstate(all="ignore"):
        for S, Vm in zip(S_all, Vb, strict=True):
            if additive is not None:
                P = _weights(S + np.where(allowed, 0.0, additive), np.ones_like(allowed))
            elif mask_after == "renormalise":
                P = _weights(S, np.ones_like(allowed)) * allowed
                P = P / P.sum(axis=-1, keepdims=True)
            elif mask_after:
                P = _weights(S, np.ones_like(allowed)) * allowed
            else:
                P = _weights(S, allowed, axis, shift)
            outs.append(np.einsum("ij,jv->iv", P, Vm))
    return np.stack(outs).reshape(Q.shape[:-1] + (V.shape[-1],))


def attention_grads(Q, K, V, d_out, causal, jacobian="full"):
    """(dQ, dK, dV) through an explicit softmax Jacobian per row: J = diag(p) - p p^T (or a named wrong one)."""
    d = Q.shape[-1]
    Qb, Kb, Vb, Gb = _flat(Q), _flat(K), _flat(V), _flat(d_out)
    allowed = _allowed(Q.shape[-2], K.shape[-2], causal, "future")
    dQ, dK, dV = np.zeros_like(Qb), np.zeros_like(Kb), np.zeros_like(Vb)
    for b in range(len(Qb)):
        P = _weights(np.einsum("ik,jk->ij", Qb[b], Kb[b]) / np.sqrt(d), allowed)
        dP = np.einsum("iv,jv->ij", Gb[b], Vb[b])
        dS = np.zeros_like(P)
        for i, p in enumerate(P):
            J = {"full": np.diag(p) - np.outer(p, p), "diagonal": np.diag(p * (1 - p)), "no_row_term": np.diag(p)}[jacobian]
            dS[i] = J @ dP[i]
        dS /= np.sqrt(d)
        dQ[b], dK[b], dV[b] = dS @ Kb[b], dS.T @ Qb[b], P.T @ Gb[b]
    return dQ.reshape(Q.shape), dK.reshape(K.shape), dV.reshape(V.shape)


def _p_times_d_out(Q, K, d_out, causal):
    """The 'dV = P @ d_out' mistake (defined when Tq == Tk)."""
    d = Q.shape[-1]
    allowed = _allowed(Q.shape[-2], K.shape[-2], causal, "future")
    Qb, Kb, Gb = _flat(Q), _flat(K), _flat(d_out)
    rows = [_weights(Qb[b] @ Kb[b].T / np.sqrt(d), allowed) @ Gb[b] for b in range(len(Qb))]
    return np.stack(rows).reshape(d_out.shape)


def forward_mistakes(Q, K, V, causal, *, huge=False):
    d = Q.shape[-1]
    alt = {M_SCALE_D: attention(Q, K, V, causal, scale=1 / d), M_NO_SCALE: attention(Q, K, V, causal, scale=1.0),
           M_QUERY_AXIS: attention(Q, K, V, causal, axis="queries")}
    if V.shape[-1] != d:
        alt[M_SCALE_DV] = attention(Q, K, V, causal, scale=1 / np.sqrt(V.shape[-1]))
    if causal and huge:  # with ordinary scores renormalising after the mask gives the right answer
        alt[M_RENORMALISE] = attention(Q, K, V, causal, mask_after="renormalise")
        alt[M_SMALL_FILL] = attention(Q, K, V, causal, additive=-1e4)
    if causal:
        alt |= {M_MASK_AFTER: attention(Q, K, V, causal, mask_after=True), M_MASK_DIAGONAL: attention(Q, K, V, causal, mask="diagonal"),
                M_MASK_PAST: attention(Q, K, V, causal, mask="past")}
    if huge:
        alt[M_GLOBAL_MAX] = attention(Q, K, V, causal, global_max=True)
    return alt


def backward_mistakes(Q, K, V, d_out, causal, grad):
    dQ, dK, dV = attention_grads(Q, K, V, d_out, causal)
    root_d = np.sqrt(Q.shape[-1])
    unmasked = dict(zip(("dQ", "dK", "dV"), attention_grads(Q, K, V, d_out, False), strict=True)) if causal else {}
    if grad == "dV":
        alt = {M_DV: _p_times_d_out(Q, K, d_out, causal)} if Q.shape[-2] == K.shape[-2] else {}
        return alt | ({M_BWD_NO_MASK: unmasked["dV"]} if causal else {})
    want, other = (dQ, dK) if grad == "dQ" else (dK, dQ)
    k = GRADS.index(grad) - 1
    return {M_BWD_NO_SCALE: want * root_d, M_BWD_SCALE_D: want / root_d, M_SWAPPED: other,
            M_DIAG_JACOBIAN: attention_grads(Q, K, V, d_out, causal, "diagonal")[k],
            M_NO_ROW_TERM: attention_grads(Q, K, V, d_out, causal, "no_row_term")[k]} | (
                {M_BWD_NO_MASK: unmasked[grad]} if causal else {})


# ---- reading the learner's runs ----

def _shapes(key, inputs):
    Q, K, V, _, causal = inputs[key]
    return {"Q": Q, "K": K, "V": V}, "attention_forward(Q, K, V" + (", causal=True)" if causal else ")")


def _result(learner, probe, inputs, key, part):
    got = learner.part(every_run, PARTS[probe]).value[key]
    shapes, _ = _shapes(key, inputs)
    where = "attention_forward" if part == "out" else "attention_backward"
    if "error" in got and (part != "out" or "out" not in got):
        context = (f"input {', '.join(f'{n}: shape {a.shape}' for n, a in shapes.items())}",) + ((got["line"],) if got["line"] else ())
        hint = (SWAPAXES,) if shapes["Q"].ndim > 2 else ("write down the shape of every operand: (Tq, d) @ (d, Tk) is (Tq, Tk)",)
        raise CheckFailed(got["error"], context + hint)
    if "bad_return" in got and (part != "out" or "out" not in got):
        raise CheckFailed(got["bad_return"], (f"{where} returns " + ("out, cache" if part == "out" else "dQ, dK, dV"),))
    return got


def _expect(expect, got, want, mistakes, **kwargs):
    """expect(got, want, alternatives=mistakes(), **kwargs), the mistakes worked out only when got is wrong:
    alternatives only name a failure, they never decide one."""
    try:
        expect(got, want, **kwargs)
    except CheckFailed:
        expect(got, want, alternatives=mistakes(), **kwargs)
        raise


def _expect_finite(got, name, extra):
    if isinstance(got, np.ndarray) and got.dtype.kind == "f" and not np.all(np.isfinite(got)):
        raise CheckFailed(f"{name} contains NaN or inf", extra)


# ---- forward ----

@pytest.mark.parametrize("key", list(CASES))
def test_forward_matches_expected(learner, key):
    got = _result(learner, every_case, INPUTS, key, "out")
    Q, K, V, _, causal = INPUTS[key]
    shapes, call = _shapes(key, INPUTS)
    out = got["out"]
    nan = isinstance(out, np.ndarray) and out.dtype.kind == "f" and not np.all(np.isfinite(out))
    _expect(expect_array, out, attention(Q, K, V, causal), lambda: forward_mistakes(Q, K, V, causal), name=f"out = {call}[0]",
            inputs=shapes, extra=(NAN_HINT,) if nan else ())


def test_causal_weights_sum_to_one(learner):
    # with V = I the output is the attention weights themselves, one row per query
    Q, K, V, _, _ = INPUTS[WEIGHTS]
    out = _result(learner, every_case, INPUTS, WEIGHTS, "out")["out"]
    expect_true(isinstance(out, np.ndarray) and out.shape == (4, 4), "attention_forward(Q, K, np.eye(4), causal=True)[0] "
                f"should be an array of shape (4, 4), got {getattr(out, 'shape', type(out).__name__)}")
    _expect(expect_array, out.sum(axis=-1), np.ones(4), lambda: {M_MASK_AFTER: attention(Q, K, V, True, mask_after=True).sum(axis=-1),
                                                            M_QUERY_AXIS: attention(Q, K, V, True, axis="queries").sum(axis=-1)},
            name="the weights' row sums (out.sum(axis=-1) with V = I, causal=True)", inputs={"Q": Q, "K": K})


def test_causal_weights_on_the_future_are_exactly_zero(learner):
    Q, K, V, _, _ = INPUTS[WEIGHTS]
    out = _result(learner, every_case, INPUTS, WEIGHTS, "out")["out"]
    expect_true(isinstance(out, np.ndarray) and out.shape == (4, 4), "attention_forward(Q, K, np.eye(4), causal=True)[0] "
                f"should be an array of shape (4, 4), got {getattr(out, 'shape', type(out).__name__)}")
    future = np.triu(np.ones((4, 4), dtype=bool), k=1)
    expect_true(bool(np.all(out[future] == 0)), "with causal=True some query gives a nonzero weight to a later position: "
                f"the weights above the diagonal (V = I) are {np.round(out[future], 6).tolist()}, expected exactly 0",
                "before the softmax, set the scores of every j > i to -inf (or a large negative number such as -1e9)")
    _expect(expect_array, out, attention(Q, K, V, True), lambda: forward_mistakes(Q, K, V, True),
            name="the attention weights (out with V = I, causal=True)", inputs={"Q": Q, "K": K})


def test_forward_leaves_its_inputs_unchanged(learner):
    for key in CASES:
        got = _result(learner, every_case, INPUTS, key, "out")
        for i, name in enumerate("QKV"):
            expect_unchanged(INPUTS[key][i], got[name], name=name)


# ---- backward ----

@functools.cache
def _grads_of(key) -> dict:
    Q, K, V, d_out, causal = INPUTS[key]
    return dict(zip(("dQ", "dK", "dV"), attention_grads(Q, K, V, d_out, causal), strict=True))


@pytest.mark.parametrize("key,grad", [(k, g) for k in CASES for g in GRADS], ids=[f"{k}-{g}" for k in CASES for g in GRADS])
def test_backward_matches_explicit_jacobian(learner, key, grad):
    got = _result(learner, every_case, INPUTS, key, grad)
    Q, K, V, d_out, causal = INPUTS[key]
    want = _grads_of(key)[grad]
    shapes, call = _shapes(key, INPUTS)
    _expect(expect_array, got[grad], want, lambda: backward_mistakes(Q, K, V, d_out, causal, grad),
            name=f"{grad} from attention_backward(d_out, cache) after {call}", inputs=shapes | {"d_out": d_out})


def _loss(Q, K, V, d_out, causal):
    """L = sum(out * d_out), vectorised over the batch and the rows (finite differences evaluate it ~700
    times): the same masked softmax as `attention`, each row's max subtracted, so it agrees with it to rounding."""
    S = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if causal:
        S = np.where(_allowed(S.shape[-2], S.shape[-1], True, "future"), S, -np.inf)
    E = np.exp(S - S.max(axis=-1, keepdims=True))
    return float(np.sum((E / E.sum(axis=-1, keepdims=True)) @ V * d_out))


@pytest.mark.parametrize("key,grad", [(k, g) for k in FD_CASES for g in GRADS], ids=[f"{k}-{g}" for k in FD_CASES for g in GRADS])
def test_backward_matches_finite_differences(learner, key, grad):
    got = _result(learner, every_case, INPUTS, key, grad)
    Q, K, V, d_out, causal = INPUTS[key]
    args = {"dQ": 0, "dK": 1, "dV": 2}[grad]
    x = [Q, K, V][args].copy()

    def f(v):
        parts = [Q, K, V]
        parts[args] = v
        return _loss(*parts, d_out, causal)

    _expect(expect_gradient, got[grad], numerical_gradient(f, x), lambda: backward_mistakes(Q, K, V, d_out, causal, grad),
            name=f"{grad} ({key}, L = sum(out * d_out))")


def test_backward_leaves_d_out_unchanged(learner):
    for key in CASES:
        got = _result(learner, every_case, INPUTS, key, "dQ")
        expect_unchanged(INPUTS[key][3], got["d_out"], name="d_out")


# ---- scores of ±1e4 ----

UNSTABLE = ("exp(1e4) is inf in float64 — subtract each row's max over the keys before exp, so the largest exponent "
            "is exp(0) = 1; a masked entry must end at exactly 0 weight, not NaN (exp(-inf) = 0 is fine, 0 * inf is not)")


@pytest.mark.parametrize("key", list(HUGE))
def test_forward_is_stable_for_scores_of_1e4(learner, key):
    got = _result(learner, huge_cases, HUGE, key, "out")
    Q, K, V, _, causal = HUGE[key]
    shapes, call = _shapes(key, HUGE)
    name = f"out = {call}[0] with scores of ±1e4"
    want = attention(Q, K, V, causal)

    def nan_alt():
        alt = forward_mistakes(Q, K, V, causal, huge=True)
        return {m: alt[m] for m in (M_GLOBAL_MAX, M_RENORMALISE) if m in alt}

    if isinstance(got["out"], np.ndarray) and got["out"].dtype.kind == "f" and not np.all(np.isfinite(got["out"])):
        _expect(expect_array, got["out"], want, nan_alt, name=name, inputs=shapes, extra=(UNSTABLE,))
    _expect(expect_array, got["out"], want, lambda: forward_mistakes(Q, K, V, causal, huge=True), name=name, inputs=shapes)


@pytest.mark.parametrize("key", list(HUGE))
def test_backward_is_stable_for_scores_of_1e4(learner, key):
    Q, K, V, d_out, causal = HUGE[key]
    _, call = _shapes(key, HUGE)
    for grad, want in zip(("dQ", "dK", "dV"), attention_grads(Q, K, V, d_out, causal), strict=True):
        got = _result(learner, huge_cases, HUGE, key, grad)[grad]
        name = f"{grad} after {call} with scores of ±1e4"
        _expect_finite(got, name, (UNSTABLE,))
        _expect(expect_array, got, want, lambda g=grad: backward_mistakes(Q, K, V, d_out, causal, g), name=name)


def test_scores_of_1e4_raise_no_warnings(learner):
    # underflow (exp(-2e4) = 0) is the right answer and never counts; overflow and 0/0 do
    expect_no_warnings(learner.part(every_run, "huge"), name="attention_forward / attention_backward with scores of ±1e4",
                       extra=("mask with np.where(mask, -np.inf, scores) (or a large negative fill), not scores + mask * -np.inf "
                              "(0 * inf is NaN)",))
