"""Checks for init: Xavier uniform and He normal weights of shape (n_in, n_out), drawn from the given rng.

Different correct ways of sampling (rng.uniform(-a, a, size) versus a * (2 * rng.random(size) - 1))
give different numbers from the same seed, so correctness is judged statistically on large matrices:
mean, variance, range and shape of the distribution, each within Z_BOUND standard errors of its
exact value, measured on the first rows of each (SAMPLE weights). Reproducibility is judged exactly:
the same seed must give the same array.

Every draw of the grade happens in one sandboxed run (`every_draw`); each draw is its own part of it
(`guarded`), so a function that raises on one shape fails that shape's checks only.
"""

import math

import numpy as np
import pytest

from quizprep.grading.api import CheckFailed, describe_type, guarded, seeded, shape_id

FUNCTIONS = ["xavier_uniform", "he_normal"]
SHAPES = [(3, 5), (1, 4), (6, 1), (4, 4)]
# Large and non-square both ways, so every "wrong fan" mistake moves the variance by 15% or more,
# far beyond the tolerances below (about 4% for the variance, 3% for the standard deviation).
XAVIER_SHAPES = [(400, 600), (1000, 150)]
HE_SHAPES = [(500, 300), (200, 800)]
# The statistics are measured on the first SAMPLE // n_out rows of each large draw: SAMPLE independent
# weights (every n_out here divides it). Only those rows travel back from the learner's process; a
# result of any other shape comes back whole, to be named as it is.
SAMPLE = 24_000

# Every statistic below is a mean of SAMPLE = 24,000 independent terms, judged within Z_BOUND = 7 standard
# errors of its exact value. A correct implementation lands outside with probability, per statistic:
# 2.6e-12 for a mean or a fraction (the normal tail; uniform draws have lighter tails, and a binomial
# count's skew at this size is 0.005); 2.6e-12 for the standard deviation of normal draws (the exact
# chi-square tail, 23,999 degrees of freedom); 2.6e-12 for the variance of uniform draws (the normal tail
# with a one-term Edgeworth correction for the skew 0.64 / sqrt(SAMPLE) of the mean of w^2). The twelve
# statistics of a grade make a false fail below 5e-11. Every classic mistake stays far outside: the
# nearest (the Xavier bound on n_in only, for 1000 x 150) moves the variance by 15%, almost four times
# the 4% bound, and the He ones move the standard deviation by 21% or more against a 3.2% bound.
Z_BOUND = 7.0
# Kurtosis (E[w^4] / Var(w)^2) of the two distributions: sets the standard error of a sample variance.
KURTOSIS_UNIFORM = 1.8
KURTOSIS_NORMAL = 3.0
# N uniform draws all stay below a * (1 - FILL_MARGIN / N) on one side with probability
# (1 - FILL_MARGIN / 2N)^N ~ exp(-FILL_MARGIN / 2) = 4e-18: a correct implementation always fills [-a, a].
FILL_MARGIN = 80.0
# rng.uniform(-a, a) can return -a exactly and a * (2 * rng.random() - 1) can round to a: allow a few ulps.
BOUND_RTOL = 1e-12
# P(|z| < 1) and P(|z| < 2) for a standard normal.
NORMAL_WITHIN_1 = math.erf(1 / math.sqrt(2))
NORMAL_WITHIN_2 = math.erf(2 / math.sqrt(2))

SEED, OTHER_SEED = 7, 8
XAVIER_SEED, HE_SEED = 1, 2


def draw(m, fn, n_in, n_out, seed):
    return getattr(m, fn)(n_in, n_out, np.random.default_rng(seed))


def draw_both(m, n_in, n_out, seed):
    return draw(m, "xavier_uniform", n_in, n_out, seed), draw(m, "he_normal", n_in, n_out, seed)


def draw_three(m, fn, n_in, n_out):
    return draw(m, fn, n_in, n_out, SEED), draw(m, fn, n_in, n_out, SEED), draw(m, fn, n_in, n_out, OTHER_SEED)


def draw_then_peek(m, fn, n_in, n_out):
    rng = np.random.default_rng(SEED)
    w = getattr(m, fn)(n_in, n_out, rng)
    return w, int(rng.integers(2**62))  # the generator's next number shows whether the call drew from it


def sample_of(m, fn, n_in, n_out, seed):
    """The first SAMPLE // n_out rows of a large draw, or the whole result if it is not an array of its shape."""
    w = draw(m, fn, n_in, n_out, seed)
    if isinstance(w, np.ndarray) and w.shape == (n_in, n_out):
        return {"sample": w[: SAMPLE // n_out]}
    return {"whole": w}


def every_draw(m):
    """Every draw of the grade in one sandboxed run, each a part of its own."""
    parts = {f"both {n_in}x{n_out}": guarded(m, draw_both, n_in, n_out, SEED) for n_in, n_out in SHAPES}
    for fn in FUNCTIONS:
        parts[f"three {fn}"] = guarded(m, draw_three, fn, 20, 30)
        parts[f"peek {fn}"] = guarded(m, draw_then_peek, fn, 20, 30)
    for fn, shapes, seed in (("xavier_uniform", XAVIER_SHAPES, XAVIER_SEED), ("he_normal", HE_SHAPES, HE_SEED)):
        for n_in, n_out in shapes:
            parts[f"large {fn} {n_in}x{n_out}"] = guarded(m, sample_of, fn, n_in, n_out, seed)
    return parts


def drawn(learner, name):
    """One part of the shared run: the learner's draws are deterministic given the seed, so every check reads the same ones."""
    return learner.part(every_draw, name).value


def large_sample(learner, fn, n_in, n_out) -> np.ndarray:
    """SAMPLE weights of fn(n_in, n_out, rng), after the checks of type, shape, dtype and finiteness."""
    got = drawn(learner, f"large {fn} {n_in}x{n_out}")
    name = f"{fn}({n_in}, {n_out}, rng)"
    if not isinstance(got, dict) or "sample" not in got:
        expect_weights(got.get("whole") if isinstance(got, dict) else got, n_in, n_out, name)  # raises: not (n_in, n_out)
        raise CheckFailed(f"{name} did not come back as an array of shape {(n_in, n_out)}")
    expect_weights(got["sample"], SAMPLE // n_out, n_out, name)
    return got["sample"]


def expect_weights(w, n_in, n_out, name):
    """Fail unless w is a finite float64 array of shape (n_in, n_out)."""
    if not isinstance(w, np.ndarray):
        hint = ("did you forget `return`?",) if w is None else ("build it with rng.uniform(..., size=(n_in, n_out)) or similar",)
        raise CheckFailed(f"{name} should be an array of shape {(n_in, n_out)}, got {describe_type(w)}", hint)
    if w.shape != (n_in, n_out):
        lines = ()
        if w.shape == (n_out, n_in):
            lines = ("likely mistake: the shape is swapped — W is (n_in, n_out): one row per input, one column per output,"
                     " so that x @ W maps (batch, n_in) to (batch, n_out)",)
        raise CheckFailed(f"{name} has shape {w.shape}, expected {(n_in, n_out)}", lines)
    if w.dtype != np.float64:
        raise CheckFailed(f"{name} has dtype {w.dtype}, expected float64", ("leave the dtype of rng's samples alone (float64)",))
    if not np.all(np.isfinite(w)):
        raise CheckFailed(f"{name} contains NaN or inf", ("every weight should be a finite random number",))


def expect_statistic(got: float, want: float, tol: float, *, name: str, what: str, mistakes=()):
    """Fail unless |got - want| <= tol; name the first (text, value, tol) mistake that explains got."""
    if abs(got - want) <= tol:
        return
    lines = (f"expected {want:.6g} ± {tol:.2g} ({Z_BOUND:g} standard errors for {what}), got {got:.6g}",)
    for text, value, mistake_tol in mistakes:
        if abs(got - value) <= mistake_tol:
            lines += (f"likely mistake: {text}",)
            break
    raise CheckFailed(f"{name} is wrong", lines)


def var_tol(var: float, n: int, kurtosis: float) -> float:
    """Z_BOUND standard errors of a sample variance of n draws: SE = var * sqrt((kurtosis - 1) / n)."""
    return Z_BOUND * var * math.sqrt((kurtosis - 1) / n)


def fraction_tol(p: float, n: int) -> float:
    return Z_BOUND * math.sqrt(p * (1 - p) / n)


@pytest.mark.parametrize("shape", SHAPES, ids=shape_id)
def test_returns_float64_array_of_shape_n_in_by_n_out(learner, shape):
    n_in, n_out = shape
    xavier, he = drawn(learner, f"both {n_in}x{n_out}")
    expect_weights(xavier, n_in, n_out, f"xavier_uniform({n_in}, {n_out}, rng)")
    expect_weights(he, n_in, n_out, f"he_normal({n_in}, {n_out}, rng)")


@pytest.mark.parametrize("fn", FUNCTIONS)
def test_same_seed_gives_same_weights(learner, fn):
    first, second, _ = drawn(learner, f"three {fn}")
    for w in (first, second):
        expect_weights(w, 20, 30, f"{fn}(20, 30, rng)")
    if not np.array_equal(first, second):
        raise CheckFailed(f"two calls of {fn}(20, 30, rng), each with a fresh np.random.default_rng({SEED}), gave different weights",
                          (f"likely mistake: the weights come from np.random's global state instead of rng — "
                           f"draw every number from rng ({'rng.uniform' if fn == 'xavier_uniform' else 'rng.normal'})",))


@pytest.mark.parametrize("fn", FUNCTIONS)
def test_different_seeds_give_different_weights(learner, fn):
    first, _, other = drawn(learner, f"three {fn}")
    for w in (first, other):
        expect_weights(w, 20, 30, f"{fn}(20, 30, rng)")
    if np.array_equal(first, other):
        raise CheckFailed(f"{fn}(20, 30, rng) gave the same weights for seeds {SEED} and {OTHER_SEED}",
                          ("likely mistake: rng is ignored (a fixed seed, or a new default_rng inside the function) — "
                           "draw from the rng you are given",))


@pytest.mark.parametrize("fn", FUNCTIONS)
def test_draws_from_the_given_rng(learner, reference, fn):
    w, next_number = drawn(learner, f"peek {fn}")
    expect_weights(w, 20, 30, f"{fn}(20, 30, rng)")
    want, _ = reference.run(draw_then_peek, fn, 20, 30)
    if np.array_equal(w, want):
        return  # sampled exactly as the reference does: it used rng
    # Another sampling call gives other numbers, which is fine, but it must still consume rng.
    untouched = int(seeded(SEED).integers(2**62))
    if next_number == untouched:
        raise CheckFailed(f"{fn}(n_in, n_out, rng) left rng untouched: its random numbers came from somewhere else",
                          ("draw the weights from the generator you are given (rng.uniform / rng.normal / rng.random), "
                           "not from np.random.* or a new generator",))


@pytest.mark.parametrize("shape", XAVIER_SHAPES, ids=shape_id)
def test_xavier_mean_is_zero(learner, shape):
    n_in, n_out = shape
    n, a = SAMPLE, math.sqrt(6 / (n_in + n_out))
    w = large_sample(learner, "xavier_uniform", n_in, n_out)
    sd = a / math.sqrt(3)
    expect_statistic(float(w.mean()), 0.0, Z_BOUND * sd / math.sqrt(n), name=f"the mean of xavier_uniform({n_in}, {n_out}, rng)",
                     what=f"the mean of {n:,} values", mistakes=[
                         ("the values are drawn from [0, a) — draw from [-a, a): rng.uniform(-a, a, size)",
                          a / 2, Z_BOUND * a / math.sqrt(12 * n)),
                         ("rng.uniform(a, ...) means low=a, high=1.0 — pass both ends: rng.uniform(-a, a, size)",
                          (1 + a) / 2, Z_BOUND * (1 - a) / math.sqrt(12 * n)),
                     ])


@pytest.mark.parametrize("shape", XAVIER_SHAPES, ids=shape_id)
def test_xavier_variance_is_2_over_n_in_plus_n_out(learner, shape):
    n_in, n_out = shape
    n, a = SAMPLE, math.sqrt(6 / (n_in + n_out))
    w = large_sample(learner, "xavier_uniform", n_in, n_out)

    def wrong(text, var):  # a mistake's tolerance: the looser normal-kurtosis standard error
        return text, var, var_tol(var, n, KURTOSIS_NORMAL)

    expect_statistic(float(w.var()), a * a / 3, var_tol(a * a / 3, n, KURTOSIS_UNIFORM),
                     name=f"the variance of xavier_uniform({n_in}, {n_out}, rng)", what=f"the variance of {n:,} uniform values",
                     mistakes=[
                         wrong("the bound uses n_in only — Xavier's bound is a = sqrt(6 / (n_in + n_out))", 2 / n_in),
                         wrong("the bound uses n_out only — Xavier's bound is a = sqrt(6 / (n_in + n_out))", 2 / n_out),
                         wrong("a = sqrt(2 / (n_in + n_out)) is Xavier-normal's standard deviation; "
                               "the uniform bound is a = sqrt(6 / (n_in + n_out))", 2 / (3 * (n_in + n_out))),
                         wrong("the square root is missing: a = sqrt(6 / (n_in + n_out))", (6 / (n_in + n_out)) ** 2 / 3),
                         wrong("a normal distribution with standard deviation a — Xavier uniform draws from U(-a, a)", a * a),
                         wrong("the values span [-a/2, a/2] — scale rng.random() to [-a, a] with a * (2 * rng.random(size) - 1)",
                               a * a / 12),
                     ])


@pytest.mark.parametrize("shape", XAVIER_SHAPES, ids=shape_id)
def test_xavier_values_fill_minus_a_to_a(learner, shape):
    n_in, n_out = shape
    n, a = SAMPLE, math.sqrt(6 / (n_in + n_out))
    w = large_sample(learner, "xavier_uniform", n_in, n_out)
    name = f"xavier_uniform({n_in}, {n_out}, rng)"
    biggest = float(np.abs(w).max())
    if biggest > a * (1 + BOUND_RTOL):
        z = (w - w.mean()) / w.std()
        kurtosis = float(np.mean(z**4))
        # The sample kurtosis is 1.8 for uniform and 3 for normal draws, each within ~0.1 (3 standard errors) at this size.
        shape_hint = ("likely mistake: a normal distribution — Xavier uniform draws from U(-a, a): rng.uniform(-a, a, size)"
                      if kurtosis > 2.4 else "likely mistake: the bound a is too large — a = sqrt(6 / (n_in + n_out))")
        raise CheckFailed(f"{name} has values outside [-a, a] = [-{a:.6g}, {a:.6g}]",
                          (f"largest |w| is {biggest:.6g}; {float(np.mean(np.abs(w) > a)):.1%} of the values are outside", shape_hint))
    reach = a * (1 - FILL_MARGIN / n)
    if w.max() < reach or w.min() > -reach:
        raise CheckFailed(f"{name} does not fill [-a, a] = [-{a:.6g}, {a:.6g}]: its values lie in [{w.min():.6g}, {w.max():.6g}]",
                          (f"the extremes of {n:,} draws land within a * {FILL_MARGIN / n:.2g} of ±a — check the bound and "
                           "that both signs are drawn",))


@pytest.mark.parametrize("shape", HE_SHAPES, ids=shape_id)
def test_he_mean_is_zero(learner, shape):
    n_in, n_out = shape
    n, sd = SAMPLE, math.sqrt(2 / n_in)
    w = large_sample(learner, "he_normal", n_in, n_out)
    expect_statistic(float(w.mean()), 0.0, Z_BOUND * sd / math.sqrt(n), name=f"the mean of he_normal({n_in}, {n_out}, rng)",
                     what=f"the mean of {n:,} values", mistakes=[
                         ("rng.normal's first argument is the mean (loc) — pass the standard deviation as scale: "
                          "rng.normal(0.0, std, size)", sd, Z_BOUND / math.sqrt(n)),
                     ])


@pytest.mark.parametrize("shape", HE_SHAPES, ids=shape_id)
def test_he_std_is_sqrt_2_over_n_in(learner, shape):
    n_in, n_out = shape
    n, sd = SAMPLE, math.sqrt(2 / n_in)
    w = large_sample(learner, "he_normal", n_in, n_out)

    def wrong(text, std):  # the standard error of a sample std is half the relative one of the variance
        return text, std, var_tol(std, n, KURTOSIS_NORMAL) / 2

    expect_statistic(float(w.std()), sd, var_tol(sd, n, KURTOSIS_NORMAL) / 2,
                     name=f"the standard deviation of he_normal({n_in}, {n_out}, rng)",
                     what=f"the standard deviation of {n:,} normal values", mistakes=[
                         wrong("the factor 2 is missing — sqrt(1 / n_in) is LeCun's; He uses sqrt(2 / n_in) "
                               "to make up for ReLU zeroing half its inputs", math.sqrt(1 / n_in)),
                         wrong("the std uses n_out — He's std is sqrt(2 / n_in): fan-in, the number of inputs each output adds up",
                               math.sqrt(2 / n_out)),
                         wrong("the std uses n_in + n_out (Xavier-normal) — He's std is sqrt(2 / n_in)", math.sqrt(2 / (n_in + n_out))),
                         wrong("the variance 2 / n_in was passed as rng.normal's scale, which is the standard deviation — "
                               "use np.sqrt(2 / n_in)", 2 / n_in),
                         wrong("the standard normal samples were never scaled — multiply by sqrt(2 / n_in)", 1.0),
                     ])


@pytest.mark.parametrize("shape", HE_SHAPES, ids=shape_id)
def test_he_values_are_normally_distributed(learner, shape):
    n_in, n_out = shape
    n, sd = SAMPLE, math.sqrt(2 / n_in)
    w = large_sample(learner, "he_normal", n_in, n_out)
    within_1 = float(np.mean(np.abs(w) < sd))
    within_2 = float(np.mean(np.abs(w) < 2 * sd))
    # Uniform draws of the right variance put 1 / sqrt(3) of their values within one std. Only those are
    # named: a normal of another spread can land as near 1 / sqrt(3) (sqrt(2 / n_out) for 500 x 300 gives
    # 0.561), and its std, wrong too, is named by the check of the standard deviation.
    right_std = abs(float(w.std()) - sd) <= var_tol(sd, n, KURTOSIS_NORMAL) / 2
    uniform = ("the values look uniform, not normal — He normal draws from N(0, 2 / n_in): rng.normal(0.0, np.sqrt(2 / n_in), size)",
               1 / math.sqrt(3), fraction_tol(1 / math.sqrt(3), n))
    expect_statistic(within_1, NORMAL_WITHIN_1, fraction_tol(NORMAL_WITHIN_1, n),
                     name=f"the fraction of he_normal({n_in}, {n_out}, rng) within one std (sqrt(2 / n_in)) of 0",
                     what=f"a fraction of {n:,} normal values", mistakes=[uniform] if right_std else [])
    expect_statistic(within_2, NORMAL_WITHIN_2, fraction_tol(NORMAL_WITHIN_2, n),
                     name=f"the fraction of he_normal({n_in}, {n_out}, rng) within two stds of 0",
                     what=f"a fraction of {n:,} normal values")
