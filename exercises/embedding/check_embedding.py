"""Checks for embedding: forward is W[idx] for an idx of any shape (0-d, 1-D, 2-D), backward adds
every position's row of d_out into dW[idx[p]], repeated indices included, as a float64 (V, D) array.

The expected values come from loops written here and from finite differences, not from the
reference. The learner's code runs once per grade, on every case (`run_once`); a call that raises
is recorded for its own case, so one failing shape does not hide the others.
"""

import numpy as np
import pytest

from quizprep.grading.api import (
    CheckFailed,
    describe_type,
    expect_array,
    expect_gradient,
    expect_unchanged,
    numerical_gradient,
    seeded,
)

# (V, D, idx). Every case but two has repeated indices, and their d_out rows differ, so a dW that
# keeps one occurrence, or averages them, is off. V != D except in "square", where a transposed dW
# has the right shape and must be told by its values.
CASES = {
    "1d_repeats": (6, 4, np.array([1, 4, 1, 0, 4, 1, 5])),
    "2d": (7, 3, np.array([[2, 5, 2, 0], [5, 5, 6, 2]])),
    "0d": (5, 3, np.array(3)),
    "N1": (4, 5, np.array([2])),
    "all_same": (3, 2, np.array([1, 1, 1, 1])),
    "unused_rows_int32": (10, 3, np.array([0, 9, 9], dtype=np.int32)),
    "square": (4, 4, np.array([3, 0, 3, 1])),
}
FD_KEYS = ["1d_repeats", "2d", "0d"]


def _inputs(key):
    V, D, idx = CASES[key]
    rng = seeded(sum(map(ord, key)))
    return rng.normal(size=(V, D)), idx, rng.normal(size=idx.shape + (D,))


INPUTS = {key: _inputs(key) for key in CASES}


# ---- trusted arithmetic ----

def _lookup(W, idx):
    rows = [W[int(i)] for i in idx.reshape(-1)]
    return np.array(rows).reshape(idx.shape + (W.shape[1],))


def _dW(d_out, idx, V, *, average=False):
    D = d_out.shape[-1]
    dW = np.zeros((V, D))
    count = np.zeros(V)
    for i, g in zip(idx.reshape(-1), d_out.reshape(-1, D), strict=True):
        dW[int(i)] += g
        count[int(i)] += 1
    return dW / np.maximum(count, 1)[:, None] if average else dW


def _buffered(d_out, idx, V):
    """What `dW[idx] += d_out` leaves: numpy buffers the fancy-index update, so repeats keep one addition."""
    dW = np.zeros((V, d_out.shape[-1]))
    dW[idx] += d_out
    return dW


DROPS_REPEATS = ("repeated indices were dropped: `dW[idx] += d_out` (or `dW[idx] = d_out`) applies only one of the additions "
                 "for an index that occurs several times — use np.add.at(dW, idx, d_out), or a loop over positions")
ROW_LOOP = ("a loop over the first axis of a 2-D idx, with `dW[idx[k]] += d_out[k]` inside: idx[k] is a whole row, so "
            "repeats within it are dropped — loop over every position (np.ndindex(idx.shape)), or flatten idx first")
AVERAGED = "repeated indices were averaged — every occurrence adds its own gradient: sum them, do not divide by the count"


def _mistakes(d_out, idx, V):
    D = d_out.shape[-1]
    out = {"dW has one row per lookup (that is d_out itself) — dW has W's shape (V, D): add each row of d_out into the "
           "row of W it was looked up from": d_out.reshape(-1, D)}
    if len(np.unique(idx)) < idx.size:
        out |= {DROPS_REPEATS: _buffered(d_out, idx, V), AVERAGED: _dW(d_out, idx, V, average=True)}
    if idx.ndim > 1:
        by_rows = np.zeros((V, D))
        for k in range(idx.shape[0]):
            by_rows[idx[k]] += d_out[k]
        out[ROW_LOOP] = by_rows
    seen = int(np.max(idx)) + 1
    if seen < V:
        out["dW has idx.max() + 1 rows, as many as the largest id seen — ids above it were just not looked up this "
            "time: dW has V rows, the V you are given"] = _dW(d_out, idx, V)[:seen]
    return out


# ---- the probe: it runs in the learner's process ----

def _attempt(fn, *args):
    try:
        return {"value": fn(*args)}
    except NotImplementedError:
        raise
    except Exception as err:  # noqa: BLE001 - recorded for this case alone, reported by its check
        return {"raised": f"{type(err).__name__}: {err}"[:300]}


def every_case(m):
    out = {}
    for key, (W, idx, d_out) in INPUTS.items():
        V = W.shape[0]
        out[key] = {"forward": _attempt(m.embedding_forward, W, idx), "backward": _attempt(m.embedding_backward, d_out, idx, V),
                    "W": W, "idx": idx, "d_out": d_out}
    return out


def _value(learner, key, which):
    got = learner.run_once(every_case)[key][which]
    if "raised" in got:
        _, _, idx = CASES[key]
        call = "embedding_forward(W, idx)" if which == "forward" else "embedding_backward(d_out, idx, V)"
        hint = ()
        if "Cannot cast ufunc 'add' output" in got["raised"]:
            hint = ("likely mistake: dW was created with an integer dtype (np.zeros_like(idx), or dtype=idx.dtype), and the "
                    "float gradients cannot be added into it — create it as float64: np.zeros((V, D))",)
        elif idx.ndim != 1:
            hint = (f"idx may have any shape; here it has shape {idx.shape} — out has shape idx.shape + (D,), and in "
                    "backward, flattening idx to (-1,) and d_out to (-1, D) reduces every shape to the 1-D case",)
        raise CheckFailed(f"{call} with idx of shape {idx.shape} raised {got['raised']}", hint)
    return got["value"]


def _dW_of(learner, key):
    got = _value(learner, key, "backward")
    if isinstance(got, np.ndarray) and got.dtype.kind in "iub":
        raise CheckFailed(f"dW from embedding_backward(d_out, idx, V) has dtype {got.dtype}, expected float64",
                          ("likely mistake: dW was created with an integer dtype (np.zeros_like(idx), or dtype=idx.dtype) — "
                           "an integer array truncates every gradient added to it: use np.zeros((V, D))",))
    return got


# ---- forward ----

@pytest.mark.parametrize("key", list(CASES))
def test_forward_looks_up_the_rows(learner, key):
    W, idx, _ = INPUTS[key]
    got = _value(learner, key, "forward")
    square = W.shape[0] == W.shape[1]
    expect_array(got, _lookup(W, idx), name="embedding_forward(W, idx)", inputs={"W": W, "idx": idx},
                 alternatives={"the rows of W.T were looked up — idx picks rows of W, shape (V, D)": W.T[idx]} if square else None)


# ---- backward ----

@pytest.mark.parametrize("key", list(CASES))
def test_backward_adds_every_lookup(learner, key):
    W, idx, d_out = INPUTS[key]
    got = _dW_of(learner, key)
    V = W.shape[0]
    expect_array(got, _dW(d_out, idx, V), name="dW from embedding_backward(d_out, idx, V)",
                 inputs={"d_out": d_out, "idx": idx}, alternatives=_mistakes(d_out, idx, V))


@pytest.mark.parametrize("key", FD_KEYS)
def test_backward_matches_finite_differences(learner, key):
    # L = sum(W[idx] * d_out) is linear in W, so central differences have no truncation error
    W, idx, d_out = INPUTS[key]
    got = _dW_of(learner, key)
    numeric = numerical_gradient(lambda v: float(np.sum(_lookup(v, idx) * d_out)), W.copy())
    if not isinstance(got, np.ndarray):
        raise CheckFailed(f"dW should be an array of shape {W.shape}, got {describe_type(got)}")
    expect_gradient(got, numeric, name="dW from embedding_backward(d_out, idx, V)", alternatives=_mistakes(d_out, idx, W.shape[0]))


# ---- inputs ----
# Whether the forward output shares memory with W is not checked: W[idx] with an integer array is
# already a copy, and the contract asks for nothing W[idx] does not do. W itself must stay unchanged.

def test_inputs_not_modified(learner):
    got = learner.run_once(every_case)
    for key, (W, idx, d_out) in INPUTS.items():
        expect_unchanged(W, got[key]["W"], name="W")
        expect_unchanged(idx, got[key]["idx"], name="idx")
        expect_unchanged(d_out, got[key]["d_out"], name="d_out")
