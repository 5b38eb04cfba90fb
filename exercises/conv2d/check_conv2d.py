"""Checks for conv2d: out[n, f, i, j] = b[f] + the sum over c, p, q of w[f, c, p, q] times the zero-padded
x[n, c, i * stride + p, j * stride + q] (cross-correlation, as PyTorch's conv2d: no kernel flip), and
its backward: dx of x's own (unpadded) shape, dw like w, db like b.

Expected values come from the loops below, written for these checks (one output position at a time),
not from the reference; the gradients are also compared with finite differences on two tiny cases.
The learner's code runs once per grade, in one sandboxed process: a forward pass and a forward + backward
pass over every case, each a part of its own (`guarded`), so a backward that raises leaves the forward
verdicts readable. The shapes are small enough for a six-deep loop to pass in well under 2 s.
"""

import numpy as np
import pytest

from quizprep.grading.api import (
    CheckFailed,
    describe_type,
    expect_array,
    expect_gradient,
    expect_unchanged,
    guarded,
    numerical_gradient,
    seeded,
)

# (N, C, H, W, F, HH, WW, stride, pad); every (H + 2 pad - HH) and (W + 2 pad - WW) divides by stride.
CASES = [
    (2, 3, 5, 6, 4, 3, 3, 1, 1),  # stride 1, pad 1 ("same" size), three channels, four filters
    (1, 1, 6, 5, 1, 2, 3, 1, 0),  # called with the defaults; N = C = F = 1, a 2x3 kernel
    (2, 3, 7, 5, 2, 3, 1, 2, 2),  # stride 2, pad 2, a 3x1 kernel
    (3, 2, 6, 8, 3, 2, 4, 2, 1),  # stride 2, pad 1, a 2x4 kernel, N = 3
    (1, 3, 7, 9, 2, 3, 3, 2, 0),  # stride 2 without padding
    (2, 1, 4, 4, 2, 4, 4, 1, 0),  # the kernel covers the whole input: a 1x1 output
    (2, 2, 5, 4, 2, 3, 2, 2, 1),  # stride 2, pad 1, small enough for finite differences
]
DEFAULTS_CASE = CASES[1]
# Finite differences on 37 and 106 entries (x, w and b together). L = sum(out * d_out) is linear in each of
# x, w and b, so central differences have no truncation error, only rounding (~1e-11).
FD_CASES = [CASES[1], CASES[6]]

MISTAKE_FLIPPED = ("the kernel is flipped (a true convolution) — conv2d layers compute a cross-correlation: "
                   "w[f, c, p, q] multiplies x[n, c, i * stride + p, j * stride + q], with no flip")
MISTAKE_NO_BIAS = "the bias is missing — add b[f] to every output position of filter f"
MISTAKE_PAD_AFTER = ("x is padded on one side only (2 * pad rows and columns after it) — zero padding adds pad rows "
                     "on top and bottom and pad columns left and right")
MISTAKE_PAD_BEFORE = ("x is padded on one side only (2 * pad rows and columns before it) — zero padding adds pad rows "
                      "on top and bottom and pad columns left and right")
MISTAKE_WINDOW_NO_STRIDE = ("the windows start at row i and column j instead of i * stride and j * stride — output (i, j) "
                            "reads x_pad[..., i * stride:i * stride + HH, j * stride:j * stride + WW]")
MISTAKE_IM2COL_ORDER = ("the unrolled windows and the reshaped filters order their entries differently (channels last in "
                        "one, first in the other) — flatten both in the same (c, p, q) order")
MISTAKE_DX_CORNER = ("dx is the padded gradient cut at the wrong corner (rows 0 … H - 1) — the first pad rows and "
                     "columns are padding: keep rows pad … pad + H - 1 and columns pad … pad + W - 1")
MISTAKE_STRIDE_BACKWARD = ("backward ignores the stride: it places output (i, j) at row i, column j of the input — "
                           "its receptive field starts at row i * stride, column j * stride, as in forward")
MISTAKE_DW_LAST = ("dw holds only the last example's contribution (dw = ... inside the loop over the batch) — "
                   "dw is the sum over every example n")
MISTAKE_DW_FIRST = "dw holds only the first example's contribution — dw is the sum over every example n"
MISTAKE_DW_MEAN = "dw is divided by the batch size — it is the sum over the examples; any 1/N is already inside d_out"
MISTAKE_DB_POSITIONS = ("db is summed over the positions but not over the batch, shape (N, F) — b[f] is added at every "
                        "position of every example: sum d_out over axes 0, 2 and 3")
MISTAKE_DB_BATCH = ("db is summed over the batch but not over the positions, shape (F, H', W') — b[f] is added at every "
                    "position of every example: sum d_out over axes 0, 2 and 3")
MISTAKE_DB_ONE_AXIS = "db is summed over only one of the two spatial axes — sum d_out over axes 0, 2 and 3"
MISTAKE_DB_MEAN = "db is the mean of d_out — it is the sum over the batch and every position, (0, 2, 3)"


def case_id(case) -> str:
    n, c, h, w, f, hh, ww, stride, pad = case
    return f"N{n}_C{c}_{h}x{w}_F{f}_k{hh}x{ww}_stride{stride}_pad{pad}"


def out_size(case) -> tuple[int, int]:
    _, _, h, w, _, hh, ww, stride, pad = case
    return (h + 2 * pad - hh) // stride + 1, (w + 2 * pad - ww) // stride + 1


def inputs(case):
    n, c, h, w, f, hh, ww, stride, pad = case
    rng = seeded(sum(d * 7**k for k, d in enumerate(case)))
    x, wt, b = rng.normal(size=(n, c, h, w)), rng.normal(size=(f, c, hh, ww)), rng.normal(size=f)
    return x, wt, b, rng.normal(size=(n, f, *out_size(case)))


INPUTS = {case_id(case): inputs(case) for case in CASES}
SETTINGS = {case_id(case): (case[7], case[8], case == DEFAULTS_CASE) for case in CASES}


# ---- trusted loops: one output position at a time ----

def _padded(x, before, after):
    return np.pad(x, ((0, 0), (0, 0), (before, after), (before, after)))


def _conv(x, w, b, stride, pad, *, before=None, after=None):
    """The layer's output; before / after pad the two sides differently (for the one-sided mistakes)."""
    xp = _padded(x, pad if before is None else before, pad if after is None else after)
    f, _, hh, ww = w.shape
    ho, wo = (xp.shape[2] - hh) // stride + 1, (xp.shape[3] - ww) // stride + 1
    out = np.empty((x.shape[0], f, ho, wo))
    for i in range(ho):
        for j in range(wo):
            field = xp[:, :, i * stride:i * stride + hh, j * stride:j * stride + ww]
            out[:, :, i, j] = np.tensordot(field, w, axes=([1, 2, 3], [1, 2, 3])) + b
    return out


def _backward(x, w, d_out, stride, pad, *, step=None):
    """The gradient of sum(out * d_out) with respect to the padded x (uncropped) and w, by the chain
    rule one output position at a time; step replaces the stride (for the stride-ignored mistake)."""
    step = stride if step is None else step
    xp = _padded(x, pad, pad)
    dxp, dw = np.zeros(xp.shape), np.zeros(w.shape)
    _, _, hh, ww = w.shape
    for i in range(d_out.shape[2]):
        for j in range(d_out.shape[3]):
            g = d_out[:, :, i, j]                                   # (N, F)
            rows, cols = slice(i * step, i * step + hh), slice(j * step, j * step + ww)
            dxp[:, :, rows, cols] += np.einsum("nf,fcpq->ncpq", g, w)
            dw += np.einsum("nf,ncpq->fcpq", g, xp[:, :, rows, cols])
    return dxp, dw


def _crop(dxp, pad):
    return dxp[:, :, pad:dxp.shape[2] - pad, pad:dxp.shape[3] - pad]


def _dw_per_example(x, w, d_out, stride, pad):
    return np.stack([_backward(x[n:n + 1], w, d_out[n:n + 1], stride, pad)[1] for n in range(len(x))])


# ---- probes: they run in the learner's process and return plain data ----

def _forward(m, x, w, b, stride, pad, defaults):
    result = m.conv2d_forward(x, w, b) if defaults else m.conv2d_forward(x, w, b, stride=stride, pad=pad)
    if not (isinstance(result, (tuple, list)) and len(result) == 2):
        return None, f"conv2d_forward should return a pair (out, cache), got {type(result).__name__}"
    return result, None


def forward_probe(m):
    runs = {}
    for key, (x, w, b, _) in INPUTS.items():
        result, bad = _forward(m, x, w, b, *SETTINGS[key])
        runs[key] = {"bad_return": bad} if bad else {"out": result[0], "x": x, "w": w, "b": b}
    return runs


def backward_probe(m):
    runs = {}
    for key, (x, w, b, d_out) in INPUTS.items():
        result, bad = _forward(m, x, w, b, *SETTINGS[key])
        if bad:
            runs[key] = {"bad_return": bad}
            continue
        grads = m.conv2d_backward(d_out, result[1])
        if not (isinstance(grads, (tuple, list)) and len(grads) == 3):
            runs[key] = {"bad_return": f"conv2d_backward should return three arrays (dx, dw, db), got {type(grads).__name__}"}
            continue
        runs[key] = {"dx": grads[0], "dw": grads[1], "db": grads[2], "x": x, "w": w, "b": b, "d_out": d_out}
    return runs


def both_passes(m):
    """The forward and the backward probe in one sandboxed run, each a part of its own."""
    return {"forward": guarded(m, forward_probe), "backward": guarded(m, backward_probe)}


def _run(learner, probe, key) -> dict:
    got = learner.part(both_passes, probe.__name__.removesuffix("_probe")).value[key]
    if got.get("bad_return"):
        raise CheckFailed(got["bad_return"], ("return out, cache from forward — cache holds whatever conv2d_backward needs",))
    return got


def call_name(key) -> str:
    stride, pad, defaults = SETTINGS[key]
    return "conv2d_forward(x, w, b)" if defaults else f"conv2d_forward(x, w, b, stride={stride}, pad={pad})"


def _expect_out_shape(out, case) -> None:
    n, c, h, w, f, hh, ww, stride, pad = case
    ho, wo = out_size(case)
    if not isinstance(out, np.ndarray) or out.shape == (n, f, ho, wo):
        return
    candidates = [
        (((h + 2 * pad - hh) // stride, (w + 2 * pad - ww) // stride), "the output size is one short: the + 1 is missing"),
        (((h - hh) // stride + 1, (w - ww) // stride + 1), "x is not padded (that is the size without padding)"),
        (((h + pad - hh) // stride + 1, (w + pad - ww) // stride + 1), "pad is counted once — x grows by pad on each side, H + 2 * pad"),
        ((h + 2 * pad - hh + 1, w + 2 * pad - ww + 1), "the stride is ignored (that is the stride-1 size)"),
        ((ho + 1, wo + 1), "the output size is one too large"),
    ]
    named = [what for size, what in candidates if (n, f, *size) == out.shape and size != (ho, wo)]
    hint = ("likely mistake: " + ", or ".join(named),) if named else ()
    raise CheckFailed(f"{call_name(case_id(case))}[0] has shape {out.shape}, expected {(n, f, ho, wo)}",
                      (f"input x: shape {(n, c, h, w)}, w: shape {(f, c, hh, ww)}; H' = (H + 2 * pad - HH) / stride + 1 = {ho}, "
                       f"W' = (W + 2 * pad - WW) / stride + 1 = {wo}", *hint))


# ---- forward ----

@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_forward_is_a_cross_correlation(learner, case):
    key = case_id(case)
    x, w, b, _ = INPUTS[key]
    stride, pad = case[7], case[8]
    out = _run(learner, forward_probe, key)["out"]
    _expect_out_shape(out, case)
    alternatives = {MISTAKE_FLIPPED: _conv(x, w[:, :, ::-1, ::-1], b, stride, pad),
                    MISTAKE_NO_BIAS: _conv(x, w, np.zeros_like(b), stride, pad)}
    if pad:
        alternatives[MISTAKE_PAD_AFTER] = _conv(x, w, b, stride, pad, before=0, after=2 * pad)
        alternatives[MISTAKE_PAD_BEFORE] = _conv(x, w, b, stride, pad, before=2 * pad, after=0)
    if stride > 1:
        ho, wo = out_size(case)
        alternatives[MISTAKE_WINDOW_NO_STRIDE] = _conv(x, w, b, 1, pad)[:, :, :ho, :wo]
    f, c, hh, ww = w.shape
    if c > 1 and hh * ww > 1:  # filter rows read in (c, p, q) order as if they were (p, q, c)
        alternatives[MISTAKE_IM2COL_ORDER] = _conv(x, w.reshape(f, hh, ww, c).transpose(0, 3, 1, 2), b, stride, pad)
    expect_array(out, _conv(x, w, b, stride, pad), name=f"out = {call_name(key)}[0]", inputs={"x": x, "w": w},
                 alternatives=alternatives)


def test_forward_leaves_its_inputs_unchanged(learner):
    for key, (x, w, b, _) in INPUTS.items():
        got = _run(learner, forward_probe, key)
        for name, before in (("x", x), ("w", w), ("b", b)):
            expect_unchanged(before, got[name], name=name)


# ---- backward, against the loops ----

def _grad(learner, key, name):
    got = _run(learner, backward_probe, key)[name]
    if not isinstance(got, np.ndarray):
        raise CheckFailed(f"{name} from conv2d_backward(d_out, cache) should be an array, got {describe_type(got)}")
    return got


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_dx_matches_the_chain_rule(learner, case):
    key = case_id(case)
    x, w, b, d_out = INPUTS[key]
    stride, pad = case[7], case[8]
    dx = _grad(learner, key, "dx")
    dxp, _ = _backward(x, w, d_out, stride, pad)
    if pad and dx.shape == dxp.shape:
        raise CheckFailed(f"dx has shape {dx.shape}, the padded shape; expected x's shape {x.shape}",
                          (f"likely mistake: the padding was not cropped off dx — its first and last {pad} rows and columns belong "
                           "to the zeros forward added, not to x: drop them from the padded gradient",))
    if not pad and dx.shape[:2] == x.shape[:2] and dx.ndim == 4 and 0 in dx.shape[2:]:
        raise CheckFailed(f"dx after {call_name(key)} has shape {dx.shape}, expected {x.shape}",
                          ("likely mistake: the padding was cropped with pad:-pad — with pad = 0 that slice, 0:-0, is empty: "
                           "crop with pad:pad + H and pad:pad + W",))
    alternatives = {MISTAKE_FLIPPED: _crop(_backward(x, w[:, :, ::-1, ::-1], d_out, stride, pad)[0], pad)}
    if pad:
        alternatives[MISTAKE_DX_CORNER] = dxp[:, :, :x.shape[2], :x.shape[3]]
    if stride != 1:
        alternatives[MISTAKE_STRIDE_BACKWARD] = _crop(_backward(x, w, d_out, stride, pad, step=1)[0], pad)
    expect_array(dx, _crop(dxp, pad), name=f"dx after {call_name(key)}", inputs={"x": x, "w": w, "d_out": d_out},
                 alternatives=alternatives)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_dw_matches_the_chain_rule(learner, case):
    key = case_id(case)
    x, w, b, d_out = INPUTS[key]
    stride, pad = case[7], case[8]
    _, want = _backward(x, w, d_out, stride, pad)
    alternatives = {MISTAKE_FLIPPED: want[:, :, ::-1, ::-1]}
    if stride != 1:
        alternatives[MISTAKE_STRIDE_BACKWARD] = _backward(x, w, d_out, stride, pad, step=1)[1]
    if len(x) > 1:
        per_example = _dw_per_example(x, w, d_out, stride, pad)
        alternatives |= {MISTAKE_DW_LAST: per_example[-1], MISTAKE_DW_FIRST: per_example[0], MISTAKE_DW_MEAN: want / len(x),
                         "dw has one gradient per example, shape (N, F, C, HH, WW) — sum them over the batch": per_example}
    expect_array(_grad(learner, key, "dw"), want, name=f"dw after {call_name(key)}", inputs={"x": x, "d_out": d_out},
                 alternatives=alternatives)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_db_sums_d_out_over_the_batch_and_every_position(learner, case):
    key = case_id(case)
    d_out = INPUTS[key][3]
    want = np.zeros(d_out.shape[1])
    for n, f, i, j in np.ndindex(*d_out.shape):
        want[f] += d_out[n, f, i, j]
    alternatives = {MISTAKE_DB_POSITIONS: d_out.sum(axis=(2, 3)), MISTAKE_DB_BATCH: d_out.sum(axis=0),
                    MISTAKE_DB_ONE_AXIS + " (axis 3 is left)": d_out.sum(axis=(0, 2)),
                    MISTAKE_DB_ONE_AXIS + " (axis 2 is left)": d_out.sum(axis=(0, 3))}
    if d_out[:, 0].size > 1:
        alternatives[MISTAKE_DB_MEAN] = d_out.mean(axis=(0, 2, 3))
    expect_array(_grad(learner, key, "db"), want, name=f"db after {call_name(key)}", inputs={"d_out": d_out},
                 alternatives=alternatives)


# ---- backward, against central finite differences of L = sum(out * d_out) ----

def _loss(x, w, b, d_out, stride, pad) -> float:
    return float(np.sum(_conv(x, w, b, stride, pad) * d_out))


def _fd(case, wrt: str):
    x, w, b, d_out = INPUTS[case_id(case)]
    stride, pad = case[7], case[8]
    args = {"x": x, "w": w, "b": b}

    def loss(v):
        return _loss(*(v if name == wrt else args[name] for name in ("x", "w", "b")), d_out, stride, pad)

    return numerical_gradient(loss, args[wrt].copy())


@pytest.mark.parametrize("case", FD_CASES, ids=case_id)
def test_dx_matches_finite_differences(learner, case):
    expect_gradient(_grad(learner, case_id(case), "dx"), _fd(case, "x"), name="dx")


@pytest.mark.parametrize("case", FD_CASES, ids=case_id)
def test_dw_matches_finite_differences(learner, case):
    expect_gradient(_grad(learner, case_id(case), "dw"), _fd(case, "w"), name="dw")


@pytest.mark.parametrize("case", FD_CASES, ids=case_id)
def test_db_matches_finite_differences(learner, case):
    expect_gradient(_grad(learner, case_id(case), "db"), _fd(case, "b"), name="db")


def test_backward_leaves_its_inputs_unchanged(learner):
    for key, (x, w, b, d_out) in INPUTS.items():
        got = _run(learner, backward_probe, key)
        for name, before in (("x", x), ("w", w), ("b", b), ("d_out", d_out)):
            expect_unchanged(before, got[name], name=name)
