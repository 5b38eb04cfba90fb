"""Checks for rnn_bptt: a tanh RNN unrolled over T steps, h_t = tanh(x_t Wx + h_{t-1} Wh + b), and
backpropagation through time with an upstream gradient at every hidden state.

Expected values never come from the reference: the forward is an explicit loop written here, and
the expected gradients come from complex-step differentiation of that loop (f(p + i*s)'s imaginary
part over s is the derivative to full float64 precision, with no subtraction to lose digits). Central
finite differences check the gradients once more, and the classic mistakes are computed by a
backward pass written here with each mistake switched on. The learner's code runs once per grade:
one probe does every case's forward and backward, handing the learner's own cache to their backward.
"""

import traceback  # noqa: F401 - used by the probe in the learner's process
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
    expect_unchanged,
    numerical_gradient,
    seeded,
)

# (N, T, D, H, upstream): "every" puts an upstream gradient on every hidden state, "last" on the last
# one only (the many-to-one setting, where every earlier gradient has come back through time).
# The square case comes first: there a Wx used untransposed still has the right shape, so the values
# name the mistake before a non-square case stops it with a shape error.
CASES = [
    (2, 5, 3, 3, "every"),  # D == H
    (3, 4, 5, 3, "every"),  # D != H, several steps
    (1, 3, 2, 4, "every"),  # a batch of one, H > D
    (2, 1, 3, 2, "every"),  # a single step: nothing flows back through time
    (3, 4, 2, 3, "last"),   # dh only at the last step
]
FD_CASES = [CASES[1], CASES[2], CASES[4]]
NAMES = ("x", "h0", "Wx", "Wh", "b")
GRADS = ("dx", "dh0", "dWx", "dWh", "db")
COMPLEX_STEP = 1e-30


def case_id(case) -> str:
    n, t, d, h, upstream = case
    return f"N{n}_T{t}_D{d}_H{h}" + ("_last_step_only" if upstream == "last" else "")


@cache
def inputs(case):
    n, t, d, h, upstream = case
    rng = seeded(1000 * n + 100 * t + 10 * d + h)
    # scaled so tanh works in its curved range (|a| mostly below 2): saturated units would hide mistakes
    x = rng.normal(size=(n, t, d))
    h0 = 0.5 * rng.normal(size=(n, h))
    Wx = rng.normal(size=(d, h)) / np.sqrt(d)
    Wh = 0.7 * rng.normal(size=(h, h)) / np.sqrt(h)  # random, so not symmetric: Wh and Wh.T differ
    b = 0.2 * rng.normal(size=h)
    dh = rng.normal(size=(n, t, h))
    if upstream == "last":
        dh[:, :-1] = 0.0
    return x, h0, Wx, Wh, b, dh


INPUTS = {case_id(c): inputs(c) for c in CASES}


# ---- trusted arithmetic: the forward, its exact gradients, and the values classic mistakes give ----

def _forward(x, h0, Wx, Wh, b, *, pre=False):
    """The unrolled recurrence, one explicit step at a time; also works on complex arrays."""
    states, acts, prev = [], [], h0
    for t in range(x.shape[1]):
        a = x[:, t] @ Wx + prev @ Wh + b
        prev = np.tanh(a)
        states.append(prev)
        acts.append(a)
    h = np.stack(states, axis=1)
    return (h, np.stack(acts, axis=1)) if pre else h


@cache
def expected_grads(case) -> dict:
    """dL/d(each input) for L = sum(h * dh), by complex-step differentiation of _forward."""
    *params, dh = inputs(case)
    out = {}
    for k, name in enumerate(NAMES):
        grad = np.zeros_like(params[k])
        for idx in np.ndindex(params[k].shape):
            args = [p.astype(np.complex128) for p in params]
            args[k][idx] += 1j * COMPLEX_STEP
            grad[idx] = np.sum(_forward(*args) * dh).imag / COMPLEX_STEP
        out["d" + name] = grad
    return out


def _bptt(case, mistake=None) -> dict:
    """Backpropagation through time with one classic mistake switched on (None: the right one)."""
    x, h0, Wx, Wh, b, dh = inputs(case)
    h, a = _forward(x, h0, Wx, Wh, b, pre=True)
    steps = x.shape[1]
    dx, dWx, dWh, db = np.zeros_like(x), np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)
    carry = first_output = np.zeros_like(h0)
    for t in (range(steps) if mistake == "forward_in_time" else reversed(range(steps))):
        prev = h[:, t - 1] if t > 0 else (np.zeros_like(h0) if mistake == "zero_first_state" else h0)
        if mistake == "no_carry":
            upstream = dh[:, t]
        elif mistake == "last_only":
            upstream = carry + (dh[:, t] if t == steps - 1 else 0.0)
        else:
            upstream = dh[:, t] + carry
        deriv = {"preactivation": 1 - a[:, t] ** 2, "tanh_of_h": 1 - np.tanh(h[:, t]) ** 2,
                 "tanh_prime_of_prev": 1 - prev ** 2}.get(mistake, 1 - h[:, t] ** 2)
        da = upstream * deriv
        dx[:, t] = da @ (Wx if mistake == "Wx_not_transposed" else Wx.T)
        dWx += x[:, t].T @ da
        dWh += (h[:, t] if mistake == "dWh_with_h_t" else prev).T @ da
        db += da.sum(axis=0)
        if t == 0:
            first_output = upstream
        carry = da @ (Wh if mistake == "Wh_not_transposed" else Wh.T)
    dh0 = {"dh0_zero": np.zeros_like(h0), "dh0_at_first_output": first_output}.get(mistake, carry)
    return {"dx": dx, "dh0": dh0, "dWx": dWx, "dWh": dWh, "db": db}


MISTAKES = {
    "no_carry": "the gradient coming back from step t + 1 is dropped — at step t the upstream gradient is dh[:, t] "
                "plus what step t + 1 sent back through Wh, not dh[:, t] alone",
    "last_only": "only dh[:, -1] is used — every hidden state feeds the loss, so dh[:, t] joins the gradient at every step",
    "preactivation": "tanh' is written as 1 - a**2 with the pre-activation a — the derivative of tanh at a is 1 - tanh(a)**2, "
                     "which is 1 - h_t**2 with the forward's own output",
    "tanh_of_h": "tanh' is computed as 1 - tanh(h_t)**2, applying tanh to its own output a second time — h_t is already "
                 "tanh(a), so the derivative is 1 - h_t**2",
    "tanh_prime_of_prev": "tanh' at step t is taken from the previous state, 1 - h_{t-1}**2 — step t's tanh produced h_t, "
                          "so its derivative is 1 - h_t**2",
    "dWh_with_h_t": "dWh pairs step t's gradient with h_t — in step t, Wh multiplied h_{t-1} (h0 at the first step): "
                    "off by one step in time",
    "forward_in_time": "backward walks forward in time (t = 0, 1, ...) — step t needs the gradient from step t + 1, "
                       "so go from the last step back to the first",
    "dh0_zero": "dh0 is all zeros — h0 feeds the first step, so it receives what the first step sends back through Wh",
    "dh0_at_first_output": "dh0 is the gradient at the first hidden state h[:, 0] — dh0 is one step further back: "
                           "what step 0 sends through tanh' and Wh.T to the state it started from",
    "zero_first_state": "dWh takes the state before step 0 as zeros — step 0 multiplied h0 by Wh, so dWh gets "
                        "h0.T @ (step 0's gradient) too",
    "Wh_not_transposed": "the gradient sent back to h_{t-1} goes through Wh instead of its transpose — h_{t-1} was "
                         "multiplied on the right by Wh, so its gradient is multiplied on the right by Wh.T",
    "Wx_not_transposed": "dx goes through Wx instead of its transpose — x_t was multiplied on the right by Wx, "
                         "so its gradient is multiplied on the right by Wx.T",
}


@cache
def wrong_values(case) -> dict:
    n, t, d, h, upstream = case
    return {mistake: _bptt(case, mistake) for mistake in MISTAKES if mistake != "Wx_not_transposed" or d == h}


def alternatives(case, grad: str) -> dict:
    right = expected_grads(case)[grad]
    named = {}
    for mistake, values in wrong_values(case).items():
        if values[grad].shape == right.shape and not np.allclose(values[grad], right, rtol=1e-6, atol=1e-9):
            named[MISTAKES[mistake]] = values[grad]
    return named


def forward_alternatives(case) -> dict:
    x, h0, Wx, Wh, b, _ = inputs(case)
    named = {
        "h0 is included in h — return the T new hidden states only, shape (N, T, H)":
            np.concatenate([h0[:, None], _forward(x, h0, Wx, Wh, b)], axis=1),
        "the recurrent term is h_{t-1} @ Wh.T — the contract is h_{t-1} @ Wh, with Wh of shape (H, H)":
            _forward(x, h0, Wx, Wh.T, b),
        "every step reads h0 — step t must read the previous step's output h_{t-1}":
            np.tanh(np.einsum("ntd,dh->nth", x, Wx) + (h0 @ Wh)[:, None] + b),
    }
    if x.shape[1] == 1:  # with one step, h0 is h_{t-1}: that mistake makes no difference
        named.popitem()
    return named


# ---- the probe: it runs in the learner's process and returns plain data ----

def every_case(m):
    def attempt(fn, *args):
        try:
            return {"value": fn(*args)}
        except NotImplementedError:
            return {"raised": "NotImplementedError"}
        except Exception as err:  # one case's crash must not hide the other cases' results
            return {"raised": f"{type(err).__name__}: {err}", "traceback": traceback.format_exc()}

    out = {}
    for key, (x, h0, Wx, Wh, b, dh) in INPUTS.items():
        res = {"after": {"x": x, "h0": h0, "Wx": Wx, "Wh": Wh, "b": b, "dh": dh}}
        fwd = attempt(m.rnn_forward, x, h0, Wx, Wh, b)
        res["forward"] = fwd
        value = fwd.get("value")
        if isinstance(value, (tuple, list)) and len(value) == 2:
            fwd["value"] = value[0]
            res["backward"] = attempt(m.rnn_backward, dh, value[1])
        elif "value" in fwd:
            fwd["bad_return"] = f"rnn_forward should return a pair (h, cache), got {type(value).__name__}"
        out[key] = res
    return out


def _raise_learner_failure(call: dict, what: str) -> None:
    if call["raised"] == "NotImplementedError":
        raise NotImplementedYet(f"not implemented yet — write your code where the stub raises NotImplementedError ({what})")
    raise LearnerFailure(f"your code raised {call['raised']} in {what}", call.get("traceback", ""))


def learner_forward(learner, case):
    fwd = learner.run_once(every_case)[case_id(case)]["forward"]
    if "raised" in fwd:
        _raise_learner_failure(fwd, "rnn_forward")
    if "bad_return" in fwd:
        raise CheckFailed(fwd["bad_return"], ("return h, cache — the cache holds whatever rnn_backward needs",))
    return fwd["value"]


def learner_grads(learner, case) -> dict:
    learner_forward(learner, case)
    back = learner.run_once(every_case)[case_id(case)]["backward"]
    if "raised" in back:
        _raise_learner_failure(back, "rnn_backward")
    grads = back["value"]
    if not (isinstance(grads, (tuple, list)) and len(grads) == 5):
        raise CheckFailed(f"rnn_backward should return five arrays (dx, dh0, dWx, dWh, db), got {describe_type(grads)}")
    return dict(zip(GRADS, grads, strict=True))


# ---- forward ----

@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_forward_matches_the_unrolled_recurrence(learner, case):
    x, h0, Wx, Wh, b, _ = inputs(case)
    expect_array(learner_forward(learner, case), _forward(x, h0, Wx, Wh, b), name="h = rnn_forward(x, h0, Wx, Wh, b)[0]",
                 inputs={"x": x, "h0": h0, "Wx": Wx}, alternatives=forward_alternatives(case))


# ---- backward, against complex-step derivatives of the trusted forward ----

def _check_grad(learner, case, grad, extra_inputs):
    x, h0, Wx, Wh, b, dh = inputs(case)
    got = learner_grads(learner, case)[grad]
    shown = {"x": x, "h0": h0, "Wx": Wx, "dh": dh}
    expect_array(got, expected_grads(case)[grad], name=f"{grad} from rnn_backward(dh, cache)",
                 inputs={k: shown[k] for k in extra_inputs}, alternatives=alternatives(case, grad))


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_dx_is_right(learner, case):
    _check_grad(learner, case, "dx", ("x", "Wx", "dh"))


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_dh0_is_right(learner, case):
    _check_grad(learner, case, "dh0", ("h0", "dh"))


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_dWx_is_right(learner, case):
    _check_grad(learner, case, "dWx", ("x", "Wx", "dh"))


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_dWh_is_right(learner, case):
    _check_grad(learner, case, "dWh", ("h0", "dh"))


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_db_is_right(learner, case):
    _check_grad(learner, case, "db", ("dh",))


# ---- backward, against central finite differences of L = sum(h * dh) ----
# tanh is smooth and these inputs keep it away from saturation: with h = 1e-5 a correct gradient lands
# below 1e-9 relative error on every entry here, a hundred times under the threshold.

@pytest.mark.parametrize("case", FD_CASES, ids=case_id)
def test_gradients_match_finite_differences(learner, case):
    *params, dh = inputs(case)
    got = learner_grads(learner, case)
    for k, name in enumerate(NAMES):
        def loss(v, k=k):
            args = list(params)
            args[k] = v
            return float(np.sum(_forward(*args) * dh))
        numeric = numerical_gradient(loss, params[k].copy())
        expect_gradient(got["d" + name], numeric, name=f"d{name} from rnn_backward", alternatives=alternatives(case, "d" + name))


def test_inputs_are_left_unchanged(learner):
    for case in CASES:
        learner_grads(learner, case)
        after = learner.run_once(every_case)[case_id(case)]["after"]
        for name, before in zip((*NAMES, "dh"), inputs(case), strict=True):
            expect_unchanged(before, after[name], name=name)
