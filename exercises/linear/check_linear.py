"""Checks for linear: W (in_dim, out_dim) He-initialised, b zeros; forward x @ W + b; backward sets
dW = x.T @ d_out and db = d_out.sum(axis=0) and returns d_out @ W.T, leaving d_out alone.

Every check after the initialisation ones assigns known W and b to the layer, so results do not
depend on the learner's random numbers. The whole grade is one sandboxed run (`everything`) in four
parts (construction, the large He draw, every forward case, every backward case), each `guarded`, so
an exception in one part fails the checks that read that part only.
"""

import numpy as np
import pytest

from quizprep.grading.api import (
    CheckFailed,
    describe_type,
    expect_array,
    expect_gradient,
    expect_true,
    expect_unchanged,
    guarded,
    numerical_gradient,
    seeded,
)

# (batch N, in_dim, out_dim). The square case comes first: there a transposed W or dW still has the
# right shape, so the values alone must give the mistake away (and it is named, not just a shape error).
CASES = [(4, 3, 3), (1, 4, 2), (5, 3, 6), (2, 7, 1)]
FD_CASES = [(1, 4, 2), (5, 3, 6)]  # a batch of one and a non-square layer


def case_id(case) -> str:
    n, i, o = case
    return f"N{n}_{i}to{o}"


# Layers built to check shapes: non-square both ways and 1x1.
SHAPE_LAYERS = [(3, 5), (1, 1), (7, 2)]

# He statistics are measured on one large layer, 2000 x 500, sigma = sqrt(2/2000): on the first HE_ROWS
# rows of its W, HE_N = 10^5 independent weights (only those travel back from the learner's process).
HE_IN, HE_OUT = 2000, 500
HE_STD = np.sqrt(2.0 / HE_IN)
HE_ROWS = 200
HE_N = HE_ROWS * HE_OUT
# The sample std of n = 10^5 normal draws has relative standard error 1/sqrt(2n) = 2.2e-3, so a 2 %
# bound sits 8.9 standard errors out: a correct layer fails it with probability 4e-19 (the exact
# chi-square tail with 99,999 degrees of freedom). The nearest classic mistake (Xavier, sqrt(2/(in+out)))
# is 10.6 % off.
STD_RTOL = 0.02
# The sample mean has standard error sigma/sqrt(n); 10 standard errors: a correct layer fails it with
# probability 1.5e-23. np.random.rand's mean, sigma / 2 for the scaled [0, 1) draws, is about 160 standard errors out.
MEAN_BOUND = 10 * HE_STD / np.sqrt(HE_N)
# Sample kurtosis (m4/m2^2) of 10^5 normal draws is 3 with standard error sqrt(24/n) = 0.0155 and skew
# about 6 sqrt(6/n) = 0.046, so a 0.15 bound is 9.7 standard errors out: a normal tail of 3e-22, and
# below 1e-15 with the one-term Edgeworth correction for that skew. A uniform distribution has kurtosis 1.8.
KURTOSIS_BOUND = 0.15

# Scales people reach for instead of He's, with what to say when W's std matches one of them.
WRONG_SCALES = {
    "sqrt(1 / in_dim) (LeCun scaling) — He doubles the variance for ReLU: multiply by sqrt(2 / in_dim)": np.sqrt(1.0 / HE_IN),
    "sqrt(2 / out_dim) — He uses the fan-in: sqrt(2 / in_dim)": np.sqrt(2.0 / HE_OUT),
    "Xavier/Glorot scaling sqrt(2 / (in_dim + out_dim)) — that suits tanh; for ReLU He uses sqrt(2 / in_dim)":
        np.sqrt(2.0 / (HE_IN + HE_OUT)),
    "2 / in_dim as the standard deviation — that is the variance: take its square root": 2.0 / HE_IN,
    "unscaled randn (std 1) — multiply by sqrt(2 / in_dim)": 1.0,
    "a fixed scale of 0.01 — scale by sqrt(2 / in_dim), which depends on the layer": 0.01,
}

NOT_SET = "<not set>"


def inputs(case):
    n, i, o = case
    rng = seeded(100 * n + 10 * i + o)
    x, W, b, d_out = rng.normal(size=(n, i)), rng.normal(size=(i, o)), rng.normal(size=o), rng.normal(size=(n, o))
    return x, W, b, d_out


# ---- probes: they run in the learner's process and return plain arrays ----

def construct(m):
    layers = [m.Linear(i, o) for i, o in SHAPE_LAYERS]
    return [[layer.W, layer.b] for layer in layers]


def big_layer_W(m):
    """The first HE_ROWS rows of a large layer's W, or the whole W if it is not an array of shape (HE_IN, HE_OUT)."""
    np.random.seed(0)  # makes randn-based answers reproducible; a Generator-based one is fine too
    W = m.Linear(HE_IN, HE_OUT).W
    if isinstance(W, np.ndarray) and W.shape == (HE_IN, HE_OUT):
        return {"rows": W[:HE_ROWS]}
    return {"whole": W}


def layer_with(m, W, b):
    layer = m.Linear(*W.shape)
    layer.W, layer.b = W, b
    return layer


def forward(m, x, W, b):
    return layer_with(m, W, b).forward(x), x


def forward_backward(m, x, W, b, d_out):
    layer = layer_with(m, W, b)
    layer.forward(x)
    try:
        d_x = layer.backward(d_out)
    except AttributeError as err:
        if "'Linear' object has no attribute" not in str(err):
            raise
        return {"missing": str(err)}
    return {"dx": d_x, "dW": getattr(layer, "dW", NOT_SET), "db": getattr(layer, "db", NOT_SET), "d_out": d_out, "x": x}



def _shape_error(err: ValueError, m) -> dict:
    """A case that failed on shapes, with the learner's line: the other cases still get their checks
    (a product the wrong way round has the right shape on a square layer and fails on the others)."""
    import traceback

    mine = [f for f in traceback.extract_tb(err.__traceback__) if f.filename == getattr(m, "__file__", None)]
    where = f" (your line {mine[-1].lineno}: {mine[-1].line})" if mine else ""
    return {"shape_error": f"{type(err).__name__}: {err}{where}"}


def every_forward(m):
    """forward on every case, in one sandboxed run shared by the forward checks."""
    out = {}
    for case in CASES:
        x, W, b, _ = inputs(case)
        try:
            out[case_id(case)] = forward(m, x, W, b)
        except ValueError as err:
            out[case_id(case)] = _shape_error(err, m)
    return out


def every_backward(m):
    """forward then backward on every case, in one sandboxed run shared by the backward checks."""
    out = {}
    for case in CASES:
        try:
            out[case_id(case)] = forward_backward(m, *inputs(case))
        except ValueError as err:
            out[case_id(case)] = _shape_error(err, m)
    return out


def everything(m):
    """The whole grade's learner code in one sandboxed run: each part fails on its own."""
    return {"construct": guarded(m, construct), "big W": guarded(m, big_layer_W), "forward": guarded(m, every_forward),
            "backward": guarded(m, every_backward)}


def _case_result(got, call: str, case):
    if isinstance(got, dict) and "shape_error" in got:
        n, i, o = case
        raise CheckFailed(f"{call} raised {got['shape_error']}",
                          (f"on a layer Linear({i}, {o}) with a batch of {n}: every product must line up — "
                           "write the shape next to each operand",))
    return got


def forward_result(learner, case):
    return _case_result(learner.part(everything, "forward").value[case_id(case)], "forward(x)", case)


def backward_result(learner, case) -> dict:
    got = _case_result(learner.part(everything, "backward").value[case_id(case)], "backward(d_out)", case)
    if isinstance(got, dict) and "missing" in got:
        raise CheckFailed(f"backward(d_out) raised AttributeError: {got['missing']}",
                          ("likely mistake: forward did not keep x for backward — store it in forward (self.x = x) "
                           "and read it back in backward",))
    return got


def learner_grad(got: dict, key: str):
    if isinstance(got[key], str) and got[key] == NOT_SET:
        raise CheckFailed(f"after backward(d_out), layer.{key} is not set",
                          (f"store the gradient on the layer: self.{key} = ...",))
    return got[key]


# ---- initialisation ----

def test_W_and_b_have_the_right_shapes(learner):
    for (i, o), (W, b) in zip(SHAPE_LAYERS, learner.part(everything, "construct").value, strict=True):
        for name, arr, want in (("W", W, (i, o)), ("b", b, (o,))):
            expect_true(isinstance(arr, np.ndarray), f"Linear({i}, {o}).{name} should be a numpy array, got {describe_type(arr)}")
            hint = ()
            if name == "W" and arr.shape == (o, i) and i != o:
                hint = ("likely mistake: W is stored as (out_dim, in_dim), PyTorch's layout — here out = x @ W, "
                        "so W is (in_dim, out_dim)",)
            elif name == "b" and arr.shape == (1, o):
                hint = ("a 1-D bias np.zeros(out_dim) broadcasts over the batch; (1, out_dim) makes db's shape awkward",)
            expect_true(arr.shape == want, f"Linear({i}, {o}).{name} has shape {arr.shape}, expected {want}", *hint)
            expect_true(arr.dtype == np.float64, f"Linear({i}, {o}).{name} has dtype {arr.dtype}, expected float64")


def test_b_starts_at_zero(learner):
    for (i, o), (_, b) in zip(SHAPE_LAYERS, learner.part(everything, "construct").value, strict=True):
        expect_array(b, np.zeros(o), name=f"Linear({i}, {o}).b",
                     alternatives={"b does not start at zero — initialise it with np.zeros(out_dim)": b} if np.any(b != 0) else None)


def _big_W(learner) -> np.ndarray:
    """HE_N weights of a large layer's W (its first rows), after the checks of type, shape and finiteness."""
    got = learner.part(everything, "big W").value
    W = got.get("rows") if isinstance(got, dict) else None
    if not (isinstance(W, np.ndarray) and W.shape == (HE_ROWS, HE_OUT)):
        whole = got.get("whole") if isinstance(got, dict) else got
        expect_true(False, f"Linear({HE_IN}, {HE_OUT}).W should be an array of shape ({HE_IN}, {HE_OUT}), got {describe_type(whole)}")
    expect_true(bool(np.all(np.isfinite(W))), f"Linear({HE_IN}, {HE_OUT}).W contains NaN or inf")
    return W.astype(np.float64)


def test_W_has_mean_zero(learner):
    W = _big_W(learner)
    mean = float(W.mean())
    hint = ("likely mistake: np.random.rand draws from [0, 1) — use randn, which is centred on 0",) if W.min() >= 0 else ()
    expect_true(abs(mean) <= MEAN_BOUND, f"W's mean for Linear({HE_IN}, {HE_OUT}) is {mean:.3g}, expected about 0 "
                f"(within {MEAN_BOUND:.2g})", *hint)


def test_W_has_the_He_standard_deviation(learner):
    std = float(_big_W(learner).std())
    if abs(std / HE_STD - 1) <= STD_RTOL:
        return
    named = [f"likely mistake: {what}" for what, s in WRONG_SCALES.items() if abs(std / s - 1) <= STD_RTOL]
    raise CheckFailed(f"W's standard deviation for Linear({HE_IN}, {HE_OUT}) is {std:.4g}, expected sqrt(2 / in_dim) = {HE_STD:.4g}",
                      (f"measured over {HE_N} weights (the first {HE_ROWS} rows of W); a correct He init lands within {STD_RTOL:.0%}",
                       *named))


def test_W_is_normally_distributed(learner):
    W = _big_W(learner)
    c = W - W.mean()
    kurtosis = float(np.mean(c**4) / np.mean(c**2) ** 2)
    hint = ("W looks uniformly distributed (kurtosis 1.8) — He initialisation here is the normal one: "
            "np.random.randn(in_dim, out_dim) * sqrt(2 / in_dim)",) if abs(kurtosis - 1.8) < KURTOSIS_BOUND else ()
    expect_true(abs(kurtosis - 3.0) <= KURTOSIS_BOUND,
                f"W's values are not normally distributed: kurtosis {kurtosis:.3g}, a normal distribution has 3", *hint)


# ---- forward ----

@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_forward_matches_reference(learner, reference, case):
    x, W, b, _ = inputs(case)
    got, _ = forward_result(learner, case)
    want, _ = reference.run(forward, x, W, b)
    expect_array(got, want, name="forward(x)", inputs={"x": x, "W": W},
                 alternatives={"the bias is missing — return x @ W + b": x @ W})


def test_forward_does_not_modify_x(learner):
    for case in CASES:
        x, W, b, _ = inputs(case)
        _, x_after = forward_result(learner, case)
        expect_unchanged(x, x_after, name="x")


# ---- backward, against the reference ----

@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_d_input_matches_reference(learner, reference, case):
    x, W, b, d_out = inputs(case)
    got = backward_result(learner, case)
    want = reference.run(forward_backward, x, W, b, d_out)
    alternatives = {"d_input should be d_out @ W.T, shape (N, in_dim) — not d_out @ W": d_out @ W} if W.shape[0] == W.shape[1] else {}
    expect_array(got["dx"], want["dx"], name="the value backward(d_out) returns (dL/dx)",
                 inputs={"x": x, "W": W, "d_out": d_out}, alternatives=alternatives)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_dW_matches_reference(learner, reference, case):
    x, W, b, d_out = inputs(case)
    got = backward_result(learner, case)
    want = reference.run(forward_backward, x, W, b, d_out)
    n = x.shape[0]
    expect_array(learner_grad(got, "dW"), want["dW"], name="dW", inputs={"x": x, "d_out": d_out}, batch_size=n,
                 alternatives={"dW is divided by the batch size — it is the sum x.T @ d_out; "
                               "any 1/N is already inside d_out": x.T @ d_out / n} if n > 1 else None)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_db_matches_reference(learner, reference, case):
    x, W, b, d_out = inputs(case)
    got = backward_result(learner, case)
    want = reference.run(forward_backward, x, W, b, d_out)
    n = x.shape[0]
    expect_array(learner_grad(got, "db"), want["db"], name="db", inputs={"d_out": d_out}, batch_size=n,
                 alternatives={"db is the mean of d_out over the batch — it is the sum d_out.sum(axis=0); "
                               "any 1/N is already inside d_out": d_out.mean(axis=0)} if n > 1 else None)


# ---- backward, against central finite differences of L = sum(forward(x) * d_out) ----
# L is linear in each of x, W and b, so central differences have no truncation error; only rounding
# (~1e-11) remains, far below the threshold. The forward used here is trusted code, not the learner's.

def _loss(x, W, b, d_out) -> float:
    return float(np.sum((x @ W + b) * d_out))


@pytest.mark.parametrize("case", FD_CASES, ids=case_id)
def test_d_input_matches_finite_differences(learner, case):
    x, W, b, d_out = inputs(case)
    numeric = numerical_gradient(lambda v: _loss(v, W, b, d_out), x.copy())
    expect_gradient(backward_result(learner, case)["dx"], numeric, name="dL/dx (backward's return value)")


@pytest.mark.parametrize("case", FD_CASES, ids=case_id)
def test_dW_matches_finite_differences(learner, case):
    x, W, b, d_out = inputs(case)
    numeric = numerical_gradient(lambda v: _loss(x, v, b, d_out), W.copy())
    expect_gradient(learner_grad(backward_result(learner, case), "dW"), numeric, name="dW")


@pytest.mark.parametrize("case", FD_CASES, ids=case_id)
def test_db_matches_finite_differences(learner, case):
    x, W, b, d_out = inputs(case)
    numeric = numerical_gradient(lambda v: _loss(x, W, v, d_out), b.copy())
    expect_gradient(learner_grad(backward_result(learner, case), "db"), numeric, name="db")


def test_backward_does_not_modify_d_out_or_x(learner):
    for case in CASES:
        x, _, _, d_out = inputs(case)
        got = backward_result(learner, case)
        expect_unchanged(d_out, got["d_out"], name="d_out")
        expect_unchanged(x, got["x"], name="x")
