"""Checks for maxpool: out[n, c, i, j] is the maximum of x over the pool x pool window at
(i * stride, j * stride), no padding; backward sends each window's gradient to its maximum, the first
one in row-major order when several are equal, and adds up the gradients of overlapping windows.

Expected values come from the loops below, written for these checks (a window-by-window scan that
keeps the first strict maximum), not from the reference. The learner's code runs twice per grade:
one forward pass and one forward + backward pass over every case (`learner.run_once`).
"""

import numpy as np
import pytest

from quizprep.grading.api import CheckFailed, describe_type, expect_array, expect_gradient, expect_unchanged, numerical_gradient, seeded

# (N, C, H, W, pool, stride, kind). "distinct" inputs have no two equal entries anywhere (so no window
# has a tie); "ties" inputs are small integers cast to float, with constant windows among them. The
# first case is called with the defaults, maxpool_forward(x), so it must use pool 2 and stride 2.
CASES = [
    (2, 3, 4, 6, 2, 2, "distinct"),  # the defaults: non-overlapping windows
    (1, 2, 5, 7, 3, 1, "distinct"),  # pool 3, stride 1: every inner input is in up to nine windows
    (2, 1, 5, 4, 2, 1, "distinct"),  # pool 2, stride 1, H > W
    (1, 3, 7, 5, 3, 2, "distinct"),  # pool 3, stride 2: overlap of one row and one column
    (2, 2, 4, 6, 2, 2, "ties"),      # equal maxima inside non-overlapping windows
    (1, 2, 5, 6, 3, 1, "ties"),      # equal maxima and constant windows, overlapping
]
DEFAULTS_CASE = CASES[0]
# Finite differences on the overlapping distinct cases: 70 + 40 entries. max is piecewise linear and
# every two entries of a distinct input are at least 0.04 apart, so a step of h = 1e-5 never changes
# which entry is a window's maximum: central differences are exact up to rounding (~1e-11).
FD_CASES = [CASES[1], CASES[2]]

# A tiny example whose answer can be read off: in each 2x2 window three entries share the maximum.
TIE_X = np.array([[[[1.0, 1.0, 0.0, 2.0],
                    [1.0, 0.0, 2.0, 2.0]]]])
TIE_D_OUT = np.array([[[[3.0, 5.0]]]])
TIE_DX = np.array([[[[3.0, 0.0, 0.0, 5.0],
                     [0.0, 0.0, 0.0, 0.0]]]])
TIE_KEY = "tie example"

MISTAKE_ALL_MAXIMA = ("the gradient goes to every entry equal to the window's maximum (a mask x == max) — when a window "
                      "has several equal maxima, all of it goes to the first one in row-major order (the one np.argmax picks)")
MISTAKE_SPLIT = ("the gradient is shared among the window's equal maxima — all of it goes to the first one in row-major "
                 "order (the one np.argmax picks)")
MISTAKE_LAST = ("on ties the gradient goes to the last maximum in row-major order (a >= comparison while scanning) — "
                "it goes to the first one: update the best entry only on a strictly greater value")
MISTAKE_OVERWRITE = ("overlapping windows overwrite each other's gradient (dx[...] = ...) — an input that is the "
                     "maximum of several windows receives the sum of their gradients: accumulate with +=")
MISTAKE_AVERAGE = ("the gradient is spread evenly over each window (average-pooling backward) — in max pooling only "
                   "the window's maximum affects the output, so it gets the whole gradient and the rest get 0")
MISTAKE_SWAPPED = ("the gradient lands at the mirror position inside the window (row and column swapped: the argmax "
                   "index unravelled column-major, or the window transposed) — the flat index k of a pool x pool "
                   "window is row k // pool, column k % pool")
MISTAKE_STRIDE_READ = ("backward looks at the windows as if the stride were 1 — window (i, j) starts at row i * stride, "
                       "column j * stride, in backward as in forward")
MISTAKE_STRIDE_PLACE = ("backward puts the gradient at row i + offset instead of i * stride + offset — the stride is "
                        "missing when going back from window (i, j) to x")
MISTAKE_AVERAGE_FORWARD = "out is each window's average (average pooling) — max pooling keeps each window's maximum"


def case_id(case) -> str:
    n, c, h, w, pool, stride, kind = case
    return f"N{n}_C{c}_{h}x{w}_pool{pool}_stride{stride}" + ("_ties" if kind == "ties" else "")


def out_size(case) -> tuple[int, int]:
    _, _, h, w, pool, stride, _ = case
    return (h - pool) // stride + 1, (w - pool) // stride + 1


def inputs(case):
    n, c, h, w, pool, stride, kind = case
    rng = seeded(1000 * h + 100 * w + 10 * pool + stride + (7 if kind == "ties" else 0))
    size = n * c * h * w
    if kind == "ties":
        x = rng.integers(0, 3, size=(n, c, h, w)).astype(np.float64)
        x[0, -1, :3, :3] = 1.0  # a constant window (and, with stride 1, more that overlap it)
    else:
        # distinct values 0.1 apart, shuffled, with a jitter that keeps every gap above 0.04
        x = ((rng.permutation(size) + rng.uniform(0.2, 0.8, size=size)) * 0.1 - 0.05 * size).reshape(n, c, h, w)
    d_out = rng.normal(size=(n, c, *out_size(case)))
    return x, d_out


INPUTS = {case_id(case): inputs(case) for case in CASES} | {TIE_KEY: (TIE_X, TIE_D_OUT)}
SETTINGS = {case_id(case): (case[4], case[5], case == DEFAULTS_CASE) for case in CASES} | {TIE_KEY: (2, 2, True)}


# ---- trusted loops: the expected values and the values of the classic mistakes ----

def _pool_forward(x, pool, stride, reduce=np.max):
    n, c, h, w = x.shape
    ho, wo = (h - pool) // stride + 1, (w - pool) // stride + 1
    out = np.empty((n, c, ho, wo))
    for i in range(ho):
        for j in range(wo):
            out[:, :, i, j] = reduce(x[:, :, i * stride:i * stride + pool, j * stride:j * stride + pool], axis=(2, 3))
    return out


def _route(x, d_out, pool, stride, *, rule="first", overwrite=None, read_step=None, place_step=None, swap=False):
    """dx when each window's gradient goes where `rule` says: the first, last or every maximum, shared
    among the maxima ("split"), or spread over the window ("average"). overwrite="entry" or "window"
    assigns instead of adding; read_step / place_step replace the stride; swap mirrors the position."""
    read_step = stride if read_step is None else read_step
    place_step = stride if place_step is None else place_step
    dx = np.zeros(x.shape)
    n_, c_, ho, wo = d_out.shape
    cells = [(p, q) for p in range(pool) for q in range(pool)]  # row-major order
    for n in range(n_):
        for c in range(c_):
            for i in range(ho):
                for j in range(wo):
                    win = x[n, c, i * read_step:i * read_step + pool, j * read_step:j * read_step + pool]
                    g = d_out[n, c, i, j]
                    best = win[0, 0]
                    for p, q in cells:
                        best = max(best, win[p, q])
                    maxima = [(p, q) for p, q in cells if win[p, q] == best]
                    shares = {"first": ([maxima[0]], g), "last": ([maxima[-1]], g), "all": (maxima, g),
                              "split": (maxima, g / len(maxima)), "average": (cells, g / pool**2)}
                    targets, share = shares[rule]
                    block = np.zeros((pool, pool))
                    for p, q in targets:
                        block[(q, p) if swap else (p, q)] = share
                    r, s = i * place_step, j * place_step
                    if overwrite == "window":
                        dx[n, c, r:r + pool, s:s + pool] = block
                    elif overwrite == "entry":
                        for p, q in zip(*np.nonzero(block), strict=True):
                            dx[n, c, r + p, s + q] = block[p, q]
                    else:
                        dx[n, c, r:r + pool, s:s + pool] += block
    return dx


def _dx_mistakes(x, d_out, pool, stride) -> dict:
    candidates = {
        MISTAKE_ALL_MAXIMA: _route(x, d_out, pool, stride, rule="all"),
        MISTAKE_SPLIT: _route(x, d_out, pool, stride, rule="split"),
        MISTAKE_LAST: _route(x, d_out, pool, stride, rule="last"),
        MISTAKE_OVERWRITE: _route(x, d_out, pool, stride, overwrite="entry"),
        MISTAKE_OVERWRITE + " (here a whole window was assigned, wiping what earlier windows had put there)":
            _route(x, d_out, pool, stride, overwrite="window"),
        MISTAKE_AVERAGE: _route(x, d_out, pool, stride, rule="average"),
        MISTAKE_SWAPPED: _route(x, d_out, pool, stride, swap=True),
    }
    if stride != 1:
        candidates[MISTAKE_STRIDE_READ] = _route(x, d_out, pool, stride, read_step=1, place_step=1)
        candidates[MISTAKE_STRIDE_PLACE] = _route(x, d_out, pool, stride, place_step=1)
    return candidates


# ---- probes: they run in the learner's process and return plain data ----

def _forward(m, x, pool, stride, defaults):
    result = m.maxpool_forward(x) if defaults else m.maxpool_forward(x, pool=pool, stride=stride)
    if not (isinstance(result, (tuple, list)) and len(result) == 2):
        return None, f"maxpool_forward should return a pair (out, cache), got {type(result).__name__}"
    return result, None


def forward_probe(m):
    runs = {}
    for key, (x, _) in INPUTS.items():
        result, bad = _forward(m, x, *SETTINGS[key])
        runs[key] = {"bad_return": bad} if bad else {"out": result[0], "x": x}
    return runs


def backward_probe(m):
    runs = {}
    for key, (x, d_out) in INPUTS.items():
        result, bad = _forward(m, x, *SETTINGS[key])
        runs[key] = {"bad_return": bad} if bad else {"dx": m.maxpool_backward(d_out, result[1]), "x": x, "d_out": d_out}
    return runs


def _run(learner, probe, key) -> dict:
    got = learner.run_once(probe)[key]
    if got.get("bad_return"):
        raise CheckFailed(got["bad_return"], ("return out, cache — cache holds whatever maxpool_backward needs",))
    return got


def call_name(key) -> str:
    pool, stride, defaults = SETTINGS[key]
    return "maxpool_forward(x)" if defaults else f"maxpool_forward(x, pool={pool}, stride={stride})"


def _expect_out_shape(out, case) -> None:
    n, c, h, w, pool, stride, _ = case
    want = (n, c, *out_size(case))
    if not isinstance(out, np.ndarray) or out.shape == want:
        return
    candidates = [((h - pool + 1, w - pool + 1), "the stride is ignored (that is the stride-1 size)"),
                  ((h // pool, w // pool), "H // pool assumes windows that do not overlap"),
                  ((want[2] - 1, want[3] - 1), "the size is one short (the + 1 is missing)"),
                  ((want[2] + 1, want[3] + 1), "the size is one too large")]
    named = [what for size, what in candidates if (n, c, *size) == out.shape]
    hint = ("likely mistake: " + ", or ".join(named),) if named else ()
    raise CheckFailed(f"{call_name(case_id(case))}[0] has shape {out.shape}, expected {want}",
                      (f"input x: shape {(n, c, h, w)}; H' = (H - pool) / stride + 1 = {want[2]}, "
                       f"W' = (W - pool) / stride + 1 = {want[3]}", *hint))


# ---- forward ----

@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_forward_takes_the_maximum_of_every_window(learner, case):
    key = case_id(case)
    x, _ = INPUTS[key]
    pool, stride = case[4], case[5]
    out = _run(learner, forward_probe, key)["out"]
    _expect_out_shape(out, case)
    expect_array(out, _pool_forward(x, pool, stride), name=f"out = {call_name(key)}[0]", inputs={"x": x},
                 alternatives={MISTAKE_AVERAGE_FORWARD: _pool_forward(x, pool, stride, reduce=np.mean)})


def test_forward_leaves_x_unchanged(learner):
    for key, (x, _) in INPUTS.items():
        expect_unchanged(x, _run(learner, forward_probe, key)["x"], name="x")


# ---- backward ----

def _dx(learner, key):
    dx = _run(learner, backward_probe, key)["dx"]
    if dx is None or isinstance(dx, (tuple, list)):
        raise CheckFailed(f"maxpool_backward(d_out, cache) should return dx, one array of x's shape, got {describe_type(dx)}")
    return dx


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_dx_goes_to_the_maximum_of_every_window(learner, case):
    key = case_id(case)
    x, d_out = INPUTS[key]
    pool, stride = case[4], case[5]
    expect_array(_dx(learner, key), _route(x, d_out, pool, stride), name=f"dx = maxpool_backward(d_out, cache) after {call_name(key)}",
                 inputs={"x": x, "d_out": d_out}, alternatives=_dx_mistakes(x, d_out, pool, stride))


def test_ties_send_the_gradient_to_the_first_maximum(learner):
    # each window of TIE_X holds three equal maxima; the first in row-major order is (0, 0), resp. (0, 3)
    expect_array(_dx(learner, TIE_KEY), TIE_DX, name="dx for x = [[1, 1, 0, 2], [1, 0, 2, 2]], pool 2, stride 2, d_out = [[3, 5]]",
                 alternatives=_dx_mistakes(TIE_X, TIE_D_OUT, 2, 2))


@pytest.mark.parametrize("case", FD_CASES, ids=case_id)
def test_dx_matches_finite_differences(learner, case):
    key = case_id(case)
    x, d_out = INPUTS[key]
    pool, stride = case[4], case[5]
    numeric = numerical_gradient(lambda v: float(np.sum(_pool_forward(v, pool, stride) * d_out)), x.copy())
    expect_gradient(_dx(learner, key), numeric, name="dx", alternatives=_dx_mistakes(x, d_out, pool, stride))


def test_backward_leaves_x_and_d_out_unchanged(learner):
    for key, (x, d_out) in INPUTS.items():
        got = _run(learner, backward_probe, key)
        expect_unchanged(x, got["x"], name="x")
        expect_unchanged(d_out, got["d_out"], name="d_out")
