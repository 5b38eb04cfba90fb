"""Checks for dropout: inverted dropout's mask is 0 or 1/(1-p), drawn from `rng` alone, kept with probability
1 - p; out = x * mask; eval mode and p = 0 change nothing; backward passes d_out through the same mask.

Any correct way of drawing from rng is accepted (rng.random(shape) < 1 - p or >= p, rng.uniform,
rng.binomial(1, 1 - p, shape), rng.choice, ...), so no check compares the mask with a particular
draw: they check its values, its kept fraction, and that it depends on rng's seed and on nothing else.

Two sandboxed runs per grade: one probe for every forward call, one for forward-then-backward.
"""

import math

import numpy as np
import pytest

from quizprep.grading.api import (
    CheckFailed,
    describe_type,
    expect_array,
    expect_gradient,
    expect_true,
    expect_unchanged,
    numerical_gradient,
    seeded,
)

# (shape, p, rng seed): a batch of one, non-square, three axes, a 1-D vector, and one larger case
# (2000 entries) on which two seeds giving the same mask by chance has probability (0.4^2 + 0.6^2)^2000 ~ 1e-568.
CASES = {
    "4x3 p=0.5": ((4, 3), 0.5, 1),
    "1x5 p=0.2": ((1, 5), 0.2, 2),
    "2x3x4 p=0.3": ((2, 3, 4), 0.3, 3),
    "7 p=0.75": ((7,), 0.75, 4),
    "50x40 p=0.4": ((50, 40), 0.4, 5),
}
BIG = "50x40 p=0.4"
X = {key: seeded(60 + i).normal(size=shape) for i, (key, (shape, _, _)) in enumerate(CASES.items())}
D_OUT = {key: seeded(80 + i).normal(size=shape) for i, (key, (shape, _, _)) in enumerate(CASES.items())}
OTHER_SEED = 1000  # added to a case's seed for "a different rng"
GLOBAL_SEEDS = (11, 22)  # np.random's global state is set to these before the two same-seed calls

# The kept fraction of n = 200_000 independent draws with keep probability q = 1 - p has standard
# deviation sqrt(q (1 - q) / n): 6.7e-4 for p = 0.1, 1.0e-3 for p = 0.3, 9.7e-4 for p = 0.75. A bound of
# 8 standard deviations (5.4e-3 to 8.2e-3) fails a correct mask with probability about 1e-15, while
# swapping keep and drop moves the fraction by |1 - 2p| >= 0.4, some 400 standard deviations.
N_LARGE = 200_000
LARGE_PS = (0.1, 0.3, 0.75)
SIGMAS = 8
# Independence: 20 seeds of a 20x20 mask at p = 0.5. Each mask's kept count is Binomial(400, 0.5), whose most
# likely value has probability 0.04, so 20 independent masks all keeping the same number of entries has
# probability below 0.04^19 ~ 3e-27; a mask that drops exactly round(p * n) entries does it every time.
COUNT_SHAPE, COUNT_P, COUNT_SEEDS = (20, 20), 0.5, tuple(range(300, 320))
VALUE_RTOL = 1e-12  # 1 / (1 - p) computed another way ((1 - p) ** -1, 1.0 / q) may differ in the last bit


def on_forward(m):
    """Every forward call the checks read. The learner's return values come back as they are."""
    out = {"cases": {}, "large": {}}
    for key, (_, p, seed) in CASES.items():
        x = X[key].copy()
        np.random.seed(GLOBAL_SEEDS[0])
        first = m.dropout_forward(x, p, np.random.default_rng(seed))
        np.random.seed(GLOBAL_SEEDS[1])
        again = m.dropout_forward(X[key].copy(), p, np.random.default_rng(seed))
        np.random.seed(GLOBAL_SEEDS[0])
        other = m.dropout_forward(X[key].copy(), p, np.random.default_rng(seed + OTHER_SEED))
        evaluation = m.dropout_forward(X[key].copy(), p, np.random.default_rng(seed), train=False)
        no_drop = m.dropout_forward(X[key].copy(), 0.0, np.random.default_rng(seed))
        out["cases"][key] = {"first": first, "x_after": x, "again": again, "other": other, "eval": evaluation,
                             "p0": no_drop}
    for p in LARGE_PS:
        result = m.dropout_forward(np.ones(N_LARGE), p, np.random.default_rng(int(100 * p)))
        mask = result[1] if isinstance(result, (tuple, list)) and len(result) == 2 else result
        out["large"][repr(p)] = {"kept": int(np.count_nonzero(np.asarray(mask))), "size": int(np.size(mask))}
    counts = []
    for seed in COUNT_SEEDS:
        result = m.dropout_forward(np.ones(COUNT_SHAPE), COUNT_P, np.random.default_rng(seed))
        mask = result[1] if isinstance(result, (tuple, list)) and len(result) == 2 else result
        counts.append(int(np.count_nonzero(np.asarray(mask))))
    out["counts"] = counts
    return out


def on_backward(m):
    """Forward, then backward with the learner's own mask; inputs are copies, returned after the call."""
    out = {}
    for key, (_, p, seed) in CASES.items():
        result = m.dropout_forward(X[key].copy(), p, np.random.default_rng(seed))
        mask = result[1]
        d_out, mask_in = D_OUT[key].copy(), np.array(mask, copy=True)
        out[key] = {"mask": mask, "dx": m.dropout_backward(d_out, mask_in), "d_out_after": d_out, "mask_after": mask_in}
    return out


def _pair(result, call):
    """(out, mask) from what dropout_forward returned, or a failure saying what came back instead."""
    expect_true(isinstance(result, (tuple, list)) and len(result) == 2,
                f"{call} should return a pair (out, mask), got {describe_type(result)}",
                "return both: `return out, mask` — backward needs the mask")
    return result


def forward(learner, key, which="first"):
    shape, p, seed = CASES[key]
    call = {"first": f"dropout_forward(x, p={p:g}, rng)", "eval": f"dropout_forward(x, p={p:g}, rng, train=False)",
            "p0": "dropout_forward(x, p=0.0, rng)"}.get(which, f"dropout_forward(x, p={p:g}, rng)")
    out, mask = _pair(learner.run_once(on_forward)["cases"][key][which], call)
    for name, arr in (("mask", mask), ("out", out)):
        expect_true(isinstance(arr, np.ndarray) and arr.shape == shape,
                    f"{call}: {name} should be an array of shape {shape}, got {describe_type(arr)}")
        hint = ("a comparison such as rng.random(shape) >= p gives a bool array — the mask holds the numbers 0 and "
                "1/(1-p): divide it by (1 - p) or convert it with .astype(np.float64)",) if arr.dtype == bool else ()
        expect_true(arr.dtype == np.float64, f"{call}: {name} has dtype {arr.dtype}, expected float64", *hint)
    return out, mask, p, call


def _values_mistake(values: np.ndarray, p: float) -> str | None:
    def only(*allowed):
        return bool(np.all(np.any([np.isclose(values, a, rtol=VALUE_RTOL, atol=0) for a in allowed], axis=0)))
    if only(0.0, 1.0):
        return ("the kept entries are 1, not 1/(1-p): inverted dropout scales the survivors during training, so that "
                "evaluation needs no scaling at all (not x * (1 - p) at test time)")
    if only(0.0, 1.0 / p):
        return "the kept entries are 1/p — p is the drop probability; scale by 1/(1 - p), one over the keep probability"
    if only(0.0, 1.0 - p):
        return "the kept entries are multiplied by (1 - p) — inverted dropout divides by it: 1/(1 - p)"
    return None


def test_forward_returns_float64_out_and_mask(learner):
    for key in CASES:
        forward(learner, key)


@pytest.mark.parametrize("key", list(CASES))
def test_mask_is_zero_or_one_over_keep_probability(learner, key):
    _, mask, p, call = forward(learner, key)
    scale = 1.0 / (1.0 - p)
    ok = (mask == 0) | np.isclose(mask, scale, rtol=VALUE_RTOL, atol=0)
    if np.all(ok):
        return
    seen = np.unique(mask)
    mistake = _values_mistake(mask, p)
    raise CheckFailed(f"{call}: the mask holds values other than 0 and 1/(1-p) = {scale:.6g}",
                      (f"values seen: {', '.join(f'{v:.6g}' for v in seen[:6])}{', …' if seen.size > 6 else ''}",)
                      + ((f"likely mistake: {mistake}",) if mistake else ()))


def test_out_is_x_times_mask(learner):
    for key in CASES:
        out, mask, p, call = forward(learner, key)
        # x / (1 - p) and x * (1 / (1 - p)) may differ in the last bit: the default rtol (1e-7) accepts both
        expect_array(out, X[key] * mask, name=f"out of {call}, compared with x * mask", inputs={"x": X[key]},
                     alternatives={"out is x times the unscaled 0/1 pattern — out must be x * mask, with the mask's "
                                   "1/(1-p) in it": X[key] * (mask != 0)})


def _mask_of(learner, key, which):
    _, p, _ = CASES[key]
    _, mask = _pair(learner.run_once(on_forward)["cases"][key][which], f"dropout_forward(x, p={p:g}, rng)")
    return np.asarray(mask)


def test_same_rng_seed_gives_the_same_mask(learner):
    for key in CASES:
        _expect_same_mask(learner, key)


def _expect_same_mask(learner, key):
    _, mask, p, call = forward(learner, key)
    again = _mask_of(learner, key, "again")
    expect_true(again.shape == mask.shape and np.array_equal(again, mask),
                f"{call} gave a different mask for the same rng seed (np.random's global state was seeded "
                f"{GLOBAL_SEEDS[0]} before one call and {GLOBAL_SEEDS[1]} before the other)",
                "draw the mask from the generator you are given — rng.random(x.shape), not np.random.rand(...) — "
                "and do not create a new generator inside the function")


def test_another_rng_seed_gives_another_mask(learner):
    _, mask, p, call = forward(learner, BIG)
    other = _mask_of(learner, BIG, "other")
    expect_true(not np.array_equal(other, mask),
                f"{call} gave exactly the same {mask.size}-entry mask for two different rng seeds "
                "(with np.random's global state seeded the same both times)",
                "the mask must come from rng: np.random's global functions, or a generator with a fixed seed "
                "inside the function, ignore the rng you are given")


def test_entries_are_dropped_independently(learner):
    _, mask, p, call = forward(learner, BIG)
    rows, cols = mask.shape
    # two independent 40-entry rows agree with probability (0.4^2 + 0.6^2)^40 ~ 4e-12, 50-entry columns less often
    for same, what in ((np.all(mask == mask[:1]), f"all {rows} rows"), (np.all(mask == mask[:, :1]), f"all {cols} columns")):
        expect_true(not same, f"{call}: {what} of the mask are the same — it was drawn for one axis and broadcast",
                    "likely mistake: one draw shared across an axis (rng.random(x.shape[-1]), say) — every entry is "
                    "dropped independently: draw a mask of x's full shape")
    counts = learner.run_once(on_forward)["counts"]
    call = f"dropout_forward(np.ones({COUNT_SHAPE}), p={COUNT_P:g}, rng)"
    expect_true(len(set(counts)) > 1,
                f"{call} kept exactly {counts[0]} entries for each of {len(counts)} rng seeds — independent drops would "
                f"make that count vary from seed to seed (standard deviation 10)",
                "likely mistake: a fixed number round(p * n) of entries is dropped (a permutation, or rng.choice without "
                "replacement) — drop each entry independently with probability p")


@pytest.mark.parametrize("p", LARGE_PS, ids=lambda p: f"p={p:g}")
def test_kept_fraction_is_one_minus_p(learner, p):
    got = learner.run_once(on_forward)["large"][repr(p)]
    expect_true(got["size"] == N_LARGE, f"dropout_forward(np.ones({N_LARGE}), p={p:g}, rng): the mask has "
                f"{got['size']} entries, expected {N_LARGE}")
    kept = got["kept"] / N_LARGE
    sigma = math.sqrt(p * (1 - p) / N_LARGE)
    if abs(kept - (1 - p)) <= SIGMAS * sigma:
        return
    hint = ()
    if abs(kept - p) <= SIGMAS * sigma:
        hint = ("likely mistake: about p of the entries are kept — p is the DROP probability: keep an element with "
                "probability 1 - p (rng.random(shape) >= p, or < 1 - p)",)
    raise CheckFailed(f"dropout_forward(np.ones({N_LARGE}), p={p:g}, rng) kept {kept:.4f} of the entries, expected "
                      f"1 - p = {1 - p:g} (within {SIGMAS * sigma:.2g}, {SIGMAS} standard deviations)", hint)


def test_eval_mode_changes_nothing(learner):
    for key in CASES:
        _expect_eval_unchanged(learner, key)


def _expect_eval_unchanged(learner, key):
    out, mask, p, call = forward(learner, key, "eval")
    x = X[key]
    expect_array(out, x, name=f"out of {call}", inputs={"x": x},
                 extra=("with train=False nothing is dropped and nothing is scaled: out is x (itself or a copy)",),
                 alternatives={"out is x * (1 - p) in evaluation mode — that is the test-time scaling of non-inverted "
                               "dropout; inverted dropout already scaled during training, so eval returns x as it is":
                               x * (1 - p)})
    expect_array(mask, np.ones(x.shape), name=f"the mask of {call}",
                 extra=("in evaluation mode nothing is dropped and nothing is scaled: the mask is all ones",))


def test_p_zero_drops_nothing(learner):
    for key in CASES:
        out, mask, _, call = forward(learner, key, "p0")
        expect_array(mask, np.ones(X[key].shape), name=f"the mask of {call}",
                     extra=("with p = 0 every element is kept and 1/(1 - 0) = 1",))
        expect_array(out, X[key], name=f"out of {call}", inputs={"x": X[key]})


def _backward(learner, key):
    got = learner.run_once(on_backward)[key]
    mask = np.asarray(got["mask"], dtype=np.float64)
    return got, mask


@pytest.mark.parametrize("key", list(CASES))
def test_backward_passes_d_out_through_the_mask(learner, key):
    got, mask = _backward(learner, key)
    d_out = D_OUT[key]
    _, p, _ = CASES[key]
    expect_array(got["dx"], d_out * mask, name="dropout_backward(d_out, mask)", inputs={"d_out": d_out},
                 alternatives={
                     "dx is d_out unchanged — the mask of the forward pass is missing: a dropped element got no "
                     "gradient-carrying output, a kept one was scaled by 1/(1-p)": d_out,
                     "dx uses the unscaled 0/1 pattern — multiply by the mask itself, 1/(1-p) included":
                         d_out * (mask != 0),
                     "dx is divided by (1 - p) on top of the mask — the mask already holds the 1/(1-p)":
                         d_out * mask / (1 - p),
                 })


def test_backward_matches_finite_differences(learner):
    key = "2x3x4 p=0.3"
    got, mask = _backward(learner, key)
    d_out = D_OUT[key]
    # L = sum((v * mask) * d_out) with the learner's own mask: linear in v, so central differences are exact up to rounding
    numeric = numerical_gradient(lambda v: float(np.sum(v * mask * d_out)), X[key].copy())
    expect_gradient(got["dx"], numeric, name="dropout_backward(d_out, mask)")


def test_inputs_not_modified(learner):
    for key, run in learner.run_once(on_forward)["cases"].items():
        expect_unchanged(X[key], run["x_after"], name="x")
    for key, got in learner.run_once(on_backward).items():
        expect_unchanged(D_OUT[key], got["d_out_after"], name="d_out")
        expect_unchanged(np.asarray(got["mask"]), got["mask_after"], name="mask")
