"""Checks for lstm_cell: one LSTM step, a = x Wx + prev_h Wh + b split into the gates input, forget,
output, candidate (in that order), next_c = f * prev_c + i * g, next_h = o * tanh(next_c), and its
backward to x, prev_h, prev_c, Wx, Wh and b; a sigmoid that stays quiet for pre-activations of +-1000.

Expected values never come from the reference: the forward is written here, the expected gradients
come from complex-step differentiation of it (exact to float64 precision, no subtraction), central
finite differences check the gradients once more, and the classic mistakes are computed by a backward
written here with each mistake switched on. The learner's code runs twice per grade: one probe for
every ordinary case, one for the saturated pre-activations (so its warnings are its own).
"""

import traceback  # noqa: F401 - used by the probes in the learner's process
from functools import cache

import numpy as np
import pytest

from quizprep.grading.api import (
    CheckFailed,
    LearnerFailure,
    NotImplementedYet,
    describe_type,
    expect_array,
    expect_gradient,
    expect_no_warnings,
    expect_unchanged,
    numerical_gradient,
    seeded,
)

# (N, D, H, dnext_c): "random" gives the cell state an upstream gradient of its own, "zero" leaves
# dnext_c = 0 (the last step of a sequence), where everything reaching c comes through next_h.
CASES = [
    (3, 4, 2, "random"),  # D != H
    (1, 3, 2, "random"),  # a batch of one
    (2, 3, 1, "random"),  # a single hidden unit: every gate block is one column
    (2, 3, 3, "random"),  # D == H: dx and dprev_h have the same shape, so a swap of Wx and Wh shows only in values
    (4, 2, 3, "zero"),    # dnext_c = 0
]
FD_CASES = [CASES[0], CASES[1], CASES[4]]
NAMES = ("x", "prev_h", "prev_c", "Wx", "Wh", "b")
GRADS = tuple("d" + n for n in NAMES)
RIGHT_ORDER = "ifog"
COMPLEX_STEP = 1e-30


def case_id(case) -> str:
    n, d, h, upstream = case
    return f"N{n}_D{d}_H{h}" + ("_dnext_c_zero" if upstream == "zero" else "")


@cache
def inputs(case):
    n, d, h, upstream = case
    rng = seeded(1000 * n + 100 * d + 10 * h + (upstream == "zero"))
    # gate pre-activations mostly within +-2: saturated gates would hide the mistakes
    x, prev_h, prev_c = rng.normal(size=(n, d)), 0.5 * rng.normal(size=(n, h)), rng.normal(size=(n, h))
    Wx = rng.normal(size=(d, 4 * h)) / np.sqrt(d)
    Wh = 0.7 * rng.normal(size=(h, 4 * h)) / np.sqrt(h)
    b = 0.3 * rng.normal(size=4 * h)
    dnext_h = rng.normal(size=(n, h))
    dnext_c = np.zeros((n, h)) if upstream == "zero" else rng.normal(size=(n, h))
    return x, prev_h, prev_c, Wx, Wh, b, dnext_h, dnext_c


# Saturated gates: every gate block sees pre-activations near -1000, near 0 and near +1000.
def saturated_inputs():
    rng = seeded(77)
    n, d, h = 2, 3, 3
    b = np.tile([-1000.0, 0.4, 1000.0], 4)
    return (rng.normal(size=(n, d)), 0.5 * rng.normal(size=(n, h)), rng.normal(size=(n, h)),
            0.1 * rng.normal(size=(d, 4 * h)), 0.1 * rng.normal(size=(h, 4 * h)), b,
            rng.normal(size=(n, h)), rng.normal(size=(n, h)))


INPUTS = {case_id(c): inputs(c) for c in CASES}


# ---- trusted arithmetic ----

def _sigmoid(z):
    """1 / (1 + e^-z) for moderate (possibly complex) z; saturated real z takes the log-sum-exp form."""
    if np.iscomplexobj(z):
        return 1.0 / (1.0 + np.exp(-z))
    return np.exp(-np.logaddexp(0.0, -z))


def _forward(x, prev_h, prev_c, Wx, Wh, b, *, order=RIGHT_ORDER, h_without_tanh=False, sigmoid_candidate=False):
    """next_h, next_c and the gate values, reading the four blocks of a in `order`."""
    a = x @ Wx + prev_h @ Wh + b
    H = prev_h.shape[1]
    block = {name: a[:, k * H:(k + 1) * H] for k, name in enumerate(order)}
    i, f, o = _sigmoid(block["i"]), _sigmoid(block["f"]), _sigmoid(block["o"])
    g = _sigmoid(block["g"]) if sigmoid_candidate else np.tanh(block["g"])
    next_c = f * prev_c + i * g
    next_h = o * (next_c if h_without_tanh else np.tanh(next_c))
    return next_h, next_c, (i, f, o, g)


def _loss(args, dnext_h, dnext_c):
    next_h, next_c, _ = _forward(*args)
    return np.sum(next_h * dnext_h) + np.sum(next_c * dnext_c)


@cache
def expected_grads(case) -> dict:
    """dL/d(each input) for L = sum(next_h * dnext_h) + sum(next_c * dnext_c), by complex step."""
    *params, dnext_h, dnext_c = inputs(case)
    out = {}
    for k, grad_name in enumerate(GRADS):
        grad = np.zeros_like(params[k])
        for idx in np.ndindex(params[k].shape):
            args = [p.astype(np.complex128) for p in params]
            args[k][idx] += 1j * COMPLEX_STEP
            grad[idx] = _loss(args, dnext_h, dnext_c).imag / COMPLEX_STEP
        out[grad_name] = grad
    return out


def _backward(x, prev_h, prev_c, Wx, Wh, b, dnext_h, dnext_c, mistake=None) -> dict:
    """The step's backward, written out gate by gate, with one classic mistake switched on (None: right)."""
    next_h, next_c, (i, f, o, g) = _forward(x, prev_h, prev_c, Wx, Wh, b)
    H = prev_h.shape[1]
    tc = np.tanh(next_c)
    through_h = {"tanh_prime_of_next_c": 1 - next_c**2}.get(mistake, 1 - tc**2)
    dc = {"no_tanh_path": dnext_c, "dnext_c_dropped": dnext_h * o * through_h}.get(mistake, dnext_c + dnext_h * o * through_h)
    di, df, dg = dc * g, dc * prev_c, dc * i
    do = dnext_h * (next_c if mistake == "do_with_next_c" else tc)
    slope = (lambda s: s) if mistake == "sigmoid_prime_s" else (lambda s: s * (1 - s))
    tanh_slope = g * (1 - g) if mistake == "tanh_prime_as_sigmoid" else 1 - g**2
    blocks = {"i": di * slope(i), "f": df * slope(f), "o": do * slope(o), "g": dg * tanh_slope}
    da = np.concatenate([blocks[k] for k in ("ifgo" if mistake == "gate_order_backward" else RIGHT_ORDER)], axis=1)
    wh_back = Wh.reshape(4 * H, H) if mistake == "Wh_reshaped" else Wh.T
    return {"dx": da @ Wx.T,
            "dprev_h": da @ (Wx.T if mistake == "dprev_h_through_Wx" else wh_back),
            "dprev_c": dc if mistake == "dprev_c_without_f" else dc * f,
            "dWx": x.T @ da,
            "dWh": (prev_c if mistake == "dWh_with_prev_c" else prev_h).T @ da,
            "db": da.sum(axis=0)}


ORDER_MISTAKE = "the gates are read in the order {} — this exercise's order is input, forget, output, candidate (i, f, o, g)"
FORWARD_MISTAKES = {
    ORDER_MISTAKE.format("i, f, g, o (PyTorch's layout)"): {"order": "ifgo"},
    ORDER_MISTAKE.format("f, i, o, g"): {"order": "fiog"},
    ORDER_MISTAKE.format("i, g, f, o (TensorFlow's layout)"): {"order": "igfo"},
    "next_h is o * next_c — the new cell state goes through tanh before the output gate scales it": {"h_without_tanh": True},
    "the candidate g goes through a sigmoid — it is a tanh, so it can be negative": {"sigmoid_candidate": True},
}
MISTAKES = {
    "no_tanh_path": "the gradient of next_c only takes dnext_c — next_h = o * tanh(next_c) depends on next_c too, so "
                    "dnext_h * o * (1 - tanh(next_c)**2) joins it",
    "dnext_c_dropped": "dnext_c is dropped — the gradient of next_c is dnext_c (what the next step sends back) plus the "
                       "part that comes through next_h",
    "tanh_prime_as_sigmoid": "the candidate's derivative is taken as g * (1 - g), a sigmoid's — g = tanh(a_g), so its "
                             "derivative is 1 - g**2",
    "tanh_prime_of_next_c": "the path from next_h to next_c uses 1 - next_c**2 — the derivative of tanh(next_c) is "
                            "1 - tanh(next_c)**2",
    "do_with_next_c": "the output gate's gradient uses next_c — next_h = o * tanh(next_c), so o is scaled by tanh(next_c)",
    "sigmoid_prime_s": "the sigmoid's derivative is taken as s — it is s * (1 - s)",
    "dprev_c_without_f": "dprev_c is missing the forget gate — prev_c reaches next_c multiplied by f",
    "gate_order_backward": "the gate gradients are stacked in another order than the forward split a — stack them in "
                           "the forward's order i, f, o, g",
    "Wh_reshaped": "Wh is reshaped to (4H, H) instead of transposed — a reshape keeps the order of the numbers; the "
                   "gradient goes back through Wh.T",
    "dprev_h_through_Wx": "dprev_h goes back through Wx — prev_h was multiplied by Wh",
    "dWh_with_prev_c": "dWh pairs the gate gradients with prev_c — Wh multiplied prev_h",
}
SHAPE_HINT = ("a matrix product whose shapes do not fit: Wx is (D, 4H) and Wh is (H, 4H), and the gradient of the "
              "(N, 4H) pre-activation goes back to x and prev_h through their transposes")


@cache
def wrong_values(case) -> dict:
    return {mistake: _backward(*inputs(case), mistake=mistake) for mistake in MISTAKES}


def alternatives(case, grad: str) -> dict:
    right = expected_grads(case)[grad]
    return {MISTAKES[m]: v[grad] for m, v in wrong_values(case).items()
            if v[grad].shape != right.shape or not np.allclose(v[grad], right, rtol=1e-6, atol=1e-9)}


def forward_alternatives(args, output: int) -> dict:
    right = _forward(*args)[output]
    named = {}
    for mistake, options in FORWARD_MISTAKES.items():
        value = _forward(*args, **options)[output]
        if not np.allclose(value, right, rtol=1e-6, atol=1e-9):
            named[mistake] = value
    return named


# ---- the probes: they run in the learner's process and return plain data ----

def _run_step(m, x, prev_h, prev_c, Wx, Wh, b, dnext_h, dnext_c):
    def attempt(fn, *args):
        try:
            return {"value": fn(*args)}
        except NotImplementedError:
            return {"raised": "NotImplementedError"}
        except Exception as err:  # one case's crash must not hide the other cases' results
            return {"raised": f"{type(err).__name__}: {err}", "traceback": traceback.format_exc()}

    res = {"after": dict(zip(("x", "prev_h", "prev_c", "Wx", "Wh", "b", "dnext_h", "dnext_c"),
                             (x, prev_h, prev_c, Wx, Wh, b, dnext_h, dnext_c), strict=True))}
    fwd = res["forward"] = attempt(m.lstm_step_forward, x, prev_h, prev_c, Wx, Wh, b)
    value = fwd.get("value")
    if isinstance(value, (tuple, list)) and len(value) == 3:
        fwd["value"] = value[:2]
        res["backward"] = attempt(m.lstm_step_backward, dnext_h, dnext_c, value[2])
    elif "value" in fwd:
        fwd["bad_return"] = f"lstm_step_forward should return three values (next_h, next_c, cache), got {type(value).__name__}"
    return res


def every_case(m):
    return {key: _run_step(m, *args) for key, args in INPUTS.items()}


def saturated(m, *args):
    return _run_step(m, *args)


def _raise_learner_failure(call: dict, what: str) -> None:
    if call["raised"] == "NotImplementedError":
        raise NotImplementedYet(f"not implemented yet — write your code where the stub raises NotImplementedError ({what})")
    detail = call.get("traceback", "")
    if "matmul" in call["raised"] or "not aligned" in call["raised"]:
        detail += "\nhint: " + SHAPE_HINT
    raise LearnerFailure(f"your code raised {call['raised']} in {what}", detail)


def _forward_of(run: dict):
    fwd = run["forward"]
    if "raised" in fwd:
        _raise_learner_failure(fwd, "lstm_step_forward")
    if "bad_return" in fwd:
        raise CheckFailed(fwd["bad_return"], ("return next_h, next_c, cache — the cache holds whatever lstm_step_backward needs",))
    return fwd["value"]


def _grads_of(run: dict) -> dict:
    _forward_of(run)
    back = run["backward"]
    if "raised" in back:
        _raise_learner_failure(back, "lstm_step_backward")
    grads = back["value"]
    if not (isinstance(grads, (tuple, list)) and len(grads) == 6):
        raise CheckFailed("lstm_step_backward should return six arrays (dx, dprev_h, dprev_c, dWx, dWh, db), "
                          f"got {describe_type(grads)}")
    return dict(zip(GRADS, grads, strict=True))


def learner_run(learner, case) -> dict:
    return learner.run_once(every_case)[case_id(case)]


# ---- forward ----

@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_next_h_is_right(learner, case):
    args = inputs(case)[:6]
    got = _forward_of(learner_run(learner, case))[0]
    expect_array(got, _forward(*args)[0], name="next_h from lstm_step_forward", inputs={"x": args[0], "Wx": args[3]},
                 alternatives=forward_alternatives(args, 0))


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_next_c_is_right(learner, case):
    args = inputs(case)[:6]
    got = _forward_of(learner_run(learner, case))[1]
    expect_array(got, _forward(*args)[1], name="next_c from lstm_step_forward", inputs={"prev_c": args[2], "Wx": args[3]},
                 alternatives=forward_alternatives(args, 1))


# ---- backward, against complex-step derivatives of the trusted forward ----

def _check_grad(learner, case, grad):
    got = _grads_of(learner_run(learner, case))[grad]
    x, _, _, Wx, Wh, _, dnext_h, dnext_c = inputs(case)
    expect_array(got, expected_grads(case)[grad], name=f"{grad} from lstm_step_backward(dnext_h, dnext_c, cache)",
                 inputs={"x": x, "Wx": Wx, "Wh": Wh, "dnext_c": dnext_c}, alternatives=alternatives(case, grad))


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_dx_is_right(learner, case):
    _check_grad(learner, case, "dx")


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_dprev_h_is_right(learner, case):
    _check_grad(learner, case, "dprev_h")


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_dprev_c_is_right(learner, case):
    _check_grad(learner, case, "dprev_c")


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_dWx_is_right(learner, case):
    _check_grad(learner, case, "dWx")


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_dWh_is_right(learner, case):
    _check_grad(learner, case, "dWh")


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_db_is_right(learner, case):
    _check_grad(learner, case, "db")


# ---- backward, against central finite differences ----
# Every function here is smooth and the inputs keep the gates unsaturated: with h = 1e-5 a correct
# gradient lands below 1e-9 relative error on every entry, a hundred times under the threshold.

@pytest.mark.parametrize("case", FD_CASES, ids=case_id)
def test_gradients_match_finite_differences(learner, case):
    *params, dnext_h, dnext_c = inputs(case)
    got = _grads_of(learner_run(learner, case))
    for k, grad in enumerate(GRADS):
        def loss(v, k=k):
            args = list(params)
            args[k] = v
            return float(_loss(args, dnext_h, dnext_c))
        numeric = numerical_gradient(loss, params[k].copy())
        expect_gradient(got[grad], numeric, name=f"{grad} from lstm_step_backward", alternatives=alternatives(case, grad))


# ---- saturated gates: pre-activations near -1000 and +1000 ----

SATURATED_CALL = "lstm_step_forward and lstm_step_backward with gate pre-activations from -1000 to 1000"
STABLE_HINTS = ("1 / (1 + np.exp(-z)) overflows for z = -1000 (exp(1000) is inf): exponentiate only numbers <= 0",
                "np.where(z >= 0, ..., ...) computes both branches on every entry, so the branch meant for one sign "
                "still overflows on the other")


def test_saturated_gates_raise_no_warning_and_stay_right(learner):
    args = saturated_inputs()
    result = learner.call_once(saturated, *args)
    expect_no_warnings(result, name=SATURATED_CALL, extra=STABLE_HINTS)
    next_h, next_c = _forward_of(result.value)
    want_h, want_c, _ = _forward(*args[:6])
    expect_array(next_h, want_h, name=f"next_h from {SATURATED_CALL}", extra=STABLE_HINTS)
    expect_array(next_c, want_c, name=f"next_c from {SATURATED_CALL}", extra=STABLE_HINTS)
    want = _backward(*args)
    for grad, got in _grads_of(result.value).items():
        expect_array(got, want[grad], name=f"{grad} from {SATURATED_CALL}", extra=STABLE_HINTS)


def test_inputs_are_left_unchanged(learner):
    runs = [(inputs(c), learner_run(learner, c)) for c in CASES]
    runs.append((saturated_inputs(), learner.run_once(saturated, *saturated_inputs())))
    for args, run in runs:
        _grads_of(run)
        for name, before in zip((*NAMES, "dnext_h", "dnext_c"), args, strict=True):
            expect_unchanged(before, run["after"][name], name=name)
