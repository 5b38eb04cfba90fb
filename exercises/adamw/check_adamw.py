"""Checks for adamw: AdamW (decoupled weight decay, then the bias-corrected Adam step) and RMSProp
(no momentum), per-parameter state, updated in place, grads unchanged.

Each optimizer runs once per grade, in one sandboxed process, on every scenario below (`run_once`):
a grade costs two learner calls, one per class.
"""

import numpy as np
import pytest

from quizprep.grading.api import RTOL, CheckFailed, expect_array, expect_true, expect_updated_in_place, record_steps, seeded

# Tolerance of the trajectory checks. Every one of them uses gradients with |g| in [1, 3], so each
# coordinate's sqrt(second moment) is >= 1 and eps (<= 1e-6 there) is at most a 1e-6 part of the
# denominator: where exactly eps goes (PyTorch's sqrt(v) / sqrt(1 - beta2**t) + eps, the same thing
# written with v_hat, or the paper's step size lr * sqrt(1 - beta2**t) / (1 - beta1**t) with eps
# added to sqrt(v)) moves the parameters by < 2e-8 relative over these runs. STEP_RTOL = 1e-6 accepts
# all of them, while each mistake named below moves some parameter by 7e-5 relative or (far) more in
# at least one of these checks. Where eps goes is judged by its own checks (small gradients, large
# eps), at the default RTOL: there the eps variants are off by ~6e-3.
STEP_RTOL = 1e-6

ADAMW_DEFAULTS = dict(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2)
RMSPROP_DEFAULTS = dict(lr=1e-2, alpha=0.99, eps=1e-8)

ADAMW_MISTAKES = {
    "l2": "the weight decay was added to the gradient (g + weight_decay * p): that is Adam with an L2 penalty, not AdamW "
          "— leave m and v to the raw gradient and shrink p directly: p -= lr * weight_decay * p",
    "after": "the decay was applied after the Adam step, to the already-updated p — decay p as it was at the start of "
             "the step: first p -= lr * weight_decay * p, then the Adam step (PyTorch's order)",
    "no_lr": "the decay is not multiplied by lr (p -= weight_decay * p) — AdamW shrinks p by lr * weight_decay * p",
    "no_decay": "the weight decay is missing — every step first shrinks p by lr * weight_decay * p",
    "no_correction": "the bias correction is missing — divide m by (1 - beta1**t) and v by (1 - beta2**t), t = number of steps so far",
    "eps_in_sqrt": "eps went inside the square root — AdamW (like PyTorch) adds eps after it: m_hat / (np.sqrt(v_hat) + eps)",
    "folded": "the bias correction was folded into the step size (lr * sqrt(1 - beta2**t) / (1 - beta1**t)), which rescales "
              "eps — this exercise (like PyTorch) computes m_hat / (np.sqrt(v_hat) + eps)",
    "t_per_param": "t was incremented once per parameter — t counts calls to step(): increment it once per call, before the loop",
    "corrected_in_place": "the bias-corrected moments were written back into m and v (m /= 1 - beta1**t) — the running "
                          "averages must stay uncorrected: compute m_hat and v_hat as new arrays each step",
    "no_memory": "m and v start from zero again at every step — they are running averages: create them once (on the first "
                 "call) and keep them on self between steps",
}
RMSPROP_MISTAKES = {
    "init_g2": "the running average started at g**2 instead of 0, or was bias-corrected as Adam's are (RMSProp's is "
               "not): either way the first step used v = g**2 — start it at zeros, uncorrected: the first step then "
               "has v = (1 - alpha) * g**2",
    "corrected": "the running average was bias-corrected (divided by 1 - alpha**t) as Adam's are — RMSProp uses it as "
                 "it is, started at zero",
    "no_memory": "the running average starts from zero again at every step — create it once (on the first call) and "
                 "keep it on self between steps",
    "init_ones": "the running average started at ones instead of 0 — start it with np.zeros_like(p)",
    "eps_in_sqrt": "eps went inside the square root — RMSProp (like PyTorch) divides by np.sqrt(v) + eps",
    "alpha_swapped": "alpha weighs the new g**2 instead of the old average — v = alpha * v + (1 - alpha) * g**2 "
                     "(alpha = 0.99 keeps 99% of the old average)",
    "shared": "all parameters share one running average — keep a separate v for each parameter",
}


def gradients(rng, shape, scale=1.0):
    """Values with |x| in [scale, 3 * scale] and random signs (see STEP_RTOL)."""
    return np.asarray(scale * rng.uniform(1.0, 3.0, size=shape) * rng.choice([-1.0, 1.0], size=shape))


def problem(seed, shapes, steps, grad_scale=1.0, constant=False, zero=False):
    # params with |p| >= 1 stay far from 0 over the few lr-sized steps taken, so a relative tolerance on p means something
    rng = seeded(seed)
    params = [gradients(rng, s) for s in shapes]
    if zero:
        return params, [[np.zeros(s) for s in shapes] for _ in range(steps)]
    if constant:
        g = [gradients(rng, s, grad_scale) for s in shapes]
        return params, [[x.copy() for x in g] for _ in range(steps)]
    return params, [[gradients(rng, s, grad_scale) for s in shapes] for _ in range(steps)]


# key: (constructor kwargs, params, grads_seq). lr * weight_decay is large where the decay's order matters.
ADAMW_CASES = {
    "first step": ({"lr": 0.05, "weight_decay": 0.5}, *problem(1, [(1,), (3, 4), ()], 1)),
    "zero gradients": ({"lr": 0.1, "weight_decay": 0.3}, *problem(2, [(3,), (2, 2)], 5, zero=True)),
    "weight_decay=0": ({"lr": 0.01, "weight_decay": 0.0}, *problem(3, [(2, 3), (4,)], 5)),
    "several steps A": ({"lr": 0.05, "beta1": 0.8, "beta2": 0.99, "weight_decay": 0.5}, *problem(4, [(3, 4), (1,), ()], 6)),
    "several steps B": ({"lr": 0.02, "beta1": 0.5, "beta2": 0.9, "eps": 1e-6, "weight_decay": 0.2}, *problem(5, [(5,), (2, 3)], 6)),
    "defaults": ({}, *problem(6, [(4, 2), (3,)], 5)),
    # eps = 1e-3 next to gradients of a few 1e-3: where eps goes changes each step by tens of percent
    "large eps": ({"lr": 0.01, "eps": 1e-3, "weight_decay": 0.1}, *problem(7, [(5,)], 3, grad_scale=1e-3)),
}
RMSPROP_CASES = {
    "first step": ({"lr": 0.01, "alpha": 0.9}, *problem(11, [(1,), (3, 4), ()], 1)),
    "constant gradient": ({"lr": 0.01, "alpha": 0.8}, *problem(12, [(3,), (2, 2)], 6, constant=True)),
    "several steps A": ({"lr": 0.02, "alpha": 0.9}, *problem(13, [(3, 4), (1,), ()], 6)),
    "several steps B": ({"lr": 0.005, "alpha": 0.7, "eps": 1e-6}, *problem(14, [(5,), (2, 3)], 6)),
    "defaults": ({}, *problem(15, [(4, 2), (3,)], 5)),
    # eps = 1e-2 next to sqrt(v) of a few 1e-3: where eps goes changes each step by tens of percent
    "large eps": ({"lr": 0.01, "alpha": 0.9, "eps": 1e-2}, *problem(16, [(5,)], 3, grad_scale=1e-2)),
}


# ---- probes: they run in the learner's process and return plain data ----

def _drive(cls, kw, params, grads_seq):
    """A new optimizer stepped once per entry of grads_seq: what the caller sees (or the shape error it raised)."""
    try:
        return {**record_steps(cls(**kw).step, params, grads_seq), "grads": grads_seq}
    except ValueError as exc:  # state of one shape meeting a parameter of another
        return {"error": f"{cls.__name__}.step raised ValueError: {exc}"}


def adamw_runs(m):
    return {key: _drive(m.AdamW, kw, params, grads_seq) for key, (kw, params, grads_seq) in ADAMW_CASES.items()}


def rmsprop_runs(m):
    return {key: _drive(m.RMSProp, kw, params, grads_seq) for key, (kw, params, grads_seq) in RMSPROP_CASES.items()}


# ---- trusted arithmetic: the params after each step, as specified or with one named mistake ----

def adamw(params, grads_seq, lr, beta1, beta2, eps, weight_decay, mistake=None):
    ps = [np.array(p, dtype=np.float64) for p in params]
    ms, vs = [0.0 * p for p in ps], [0.0 * p for p in ps]
    history, calls = [], 0
    for grads in grads_seq:
        calls += 1
        for i, g in enumerate(grads):
            t = (calls - 1) * len(grads) + i + 1 if mistake == "t_per_param" else calls
            decay = {"no_lr": weight_decay, "no_decay": 0.0, "l2": 0.0}.get(mistake, lr * weight_decay)
            if mistake == "l2":
                g = g + weight_decay * ps[i]
            start = ps[i]
            if mistake == "no_memory":
                ms[i], vs[i] = 0.0 * start, 0.0 * start
            ms[i] = beta1 * ms[i] + (1 - beta1) * g
            vs[i] = beta2 * vs[i] + (1 - beta2) * g * g
            c1, c2 = (1.0, 1.0) if mistake == "no_correction" else (1 - beta1**t, 1 - beta2**t)
            if mistake == "corrected_in_place":
                ms[i], vs[i], c1, c2 = ms[i] / c1, vs[i] / c2, 1.0, 1.0
            if mistake == "eps_in_sqrt":
                move = (ms[i] / c1) / np.sqrt(vs[i] / c2 + eps)
            elif mistake == "folded":
                move = np.sqrt(c2) / c1 * ms[i] / (np.sqrt(vs[i]) + eps)
            else:
                move = (ms[i] / c1) / (np.sqrt(vs[i] / c2) + eps)
            if mistake == "after":
                stepped = start - lr * move
                ps[i] = stepped - decay * stepped
            else:
                ps[i] = start - decay * start - lr * move
        history.append([np.asarray(p) for p in ps])
    return history


def rmsprop(params, grads_seq, lr, alpha, eps, mistake=None):
    ps = [np.array(p, dtype=np.float64) for p in params]
    vs = [None] * len(ps)
    shared = 0.0
    history = []
    for t, grads in enumerate(grads_seq, start=1):
        for i, g in enumerate(grads):
            old = vs[i]
            if old is None or mistake == "no_memory":
                old = {"init_g2": g * g, "init_ones": 1.0 + 0.0 * g}.get(mistake, 0.0 * g)
            if mistake == "shared":
                old = shared
            if mistake == "alpha_swapped":
                v = (1 - alpha) * old + alpha * g * g
            else:
                v = alpha * old + (1 - alpha) * g * g
            vs[i] = v
            if mistake == "shared":
                shared = v
            if mistake == "corrected":
                v = v / (1 - alpha**t)
            ps[i] = ps[i] - lr * g / (np.sqrt(v + eps) if mistake == "eps_in_sqrt" else np.sqrt(v) + eps)
        history.append([np.asarray(p) for p in ps])
    return history


def _alternatives(run, mistakes, params, grads_seq, i, hyper, step=-1, relative_to=None):
    """params[i] after `step` under each named mistake that can run on these shapes (minus `relative_to`)."""
    alt = {}
    for key, text in mistakes.items():
        try:
            value = run(params, grads_seq, **hyper, mistake=key)[step][i]
        except ValueError:  # one shared average cannot broadcast across these shapes: that mistake would raise
            continue
        if np.shape(value) == np.shape(params[i]):  # a shared average broadcast to another shape: that mistake would raise
            alt[text] = np.asarray(value - relative_to) if relative_to is not None else value
    return alt


def adamw_alternatives(params, grads_seq, i, hyper, **kw):
    return _alternatives(adamw, ADAMW_MISTAKES, params, grads_seq, i, hyper, **kw)


def rmsprop_alternatives(params, grads_seq, i, hyper, **kw):
    return _alternatives(rmsprop, RMSPROP_MISTAKES, params, grads_seq, i, hyper, **kw)


# ---- reading the learner's runs ----

def _recorded(learner, probe, cases, key, cls):
    out = learner.run_once(probe)[key]
    _, params, _ = cases[key]
    if "error" in out:
        shapes = ", ".join(str(p.shape) for p in params)
        raise CheckFailed(out["error"], (f"on a new {cls}({', '.join(f'{k}={v:g}' for k, v in cases[key][0].items())}) "
                                         f"stepping parameters of shapes {shapes}",
                                         "every parameter needs state of its own shape, and every optimizer its own: create it "
                                         "on self (in __init__ or on the first step), one array per parameter — a class "
                                         "attribute (state = {} in the class body) is shared by all instances"))
    expect_updated_in_place(out, params, delta="...", fix=f"p -= ... inside {cls}.step (or p[...] = ...)")
    return out


def adamw_run(learner, key):
    kw, params, grads_seq = ADAMW_CASES[key]
    return _recorded(learner, adamw_runs, ADAMW_CASES, key, "AdamW"), params, grads_seq, {**ADAMW_DEFAULTS, **kw}


def rmsprop_run(learner, key):
    kw, params, grads_seq = RMSPROP_CASES[key]
    return _recorded(learner, rmsprop_runs, RMSPROP_CASES, key, "RMSProp"), params, grads_seq, {**RMSPROP_DEFAULTS, **kw}


def expect_params(got, want, *, name, alternatives=None, rtol=STEP_RTOL, inputs=None):
    """expect_array, with the usual cause of NaN spelled out."""
    if isinstance(got, np.ndarray) and got.dtype.kind == "f" and not np.all(np.isfinite(got)):
        raise CheckFailed(f"{name} contains NaN or inf",
                          ("if t is still 0 when you divide by (1 - beta1**t), that is 0 / 0 — count the step first",
                           "the second moment must average g**2: the square root of a negative average is NaN"))
    expect_array(got, want, name=name, rtol=rtol, alternatives=alternatives, inputs=inputs)


def _described(hyper, defaults):
    return ", ".join(f"{k}={v:g}" for k, v in hyper.items() if defaults[k] != v) or "the defaults"


# ---- AdamW ----

def test_adamw_first_step_decays_then_moves_by_lr(learner):
    out, params, grads_seq, hyper = adamw_run(learner, "first step")
    lr, wd, eps = hyper["lr"], hyper["weight_decay"], hyper["eps"]
    for i, (p0, g) in enumerate(zip(params, grads_seq[0], strict=True)):
        # on step 1, m_hat = g and v_hat = g**2 exactly
        want = np.asarray(-lr * wd * p0 - lr * g / (np.abs(g) + eps))
        expect_params(np.asarray(out["history"][0][i] - p0), want, inputs={f"params[{i}]": p0},
                      name=f"AdamW: the first step of params[{i}] (p_after - p_before, lr={lr:g}, weight_decay={wd:g})",
                      alternatives=adamw_alternatives(params, grads_seq, i, hyper, step=0, relative_to=p0))


def test_adamw_with_zero_gradients_only_decays(learner):
    out, params, grads_seq, hyper = adamw_run(learner, "zero gradients")
    factor = 1 - hyper["lr"] * hyper["weight_decay"]
    for i, p0 in enumerate(params):
        want = np.stack([p0 * factor**t for t in range(1, len(grads_seq) + 1)])
        got = np.stack([h[i] for h in out["history"]])
        alt = {text: np.stack([h[i] for h in adamw(params, grads_seq, **hyper, mistake=key)]) for key, text in ADAMW_MISTAKES.items()}
        expect_params(got, want, alternatives=alt, inputs={f"params[{i}]": p0},
                      name=f"AdamW: params[{i}] after each of {len(grads_seq)} steps with all gradients 0 (axis 0 is the step; "
                           f"lr={hyper['lr']:g}, weight_decay={hyper['weight_decay']:g})")


def test_adamw_without_weight_decay_is_adam(learner):
    out, params, grads_seq, hyper = adamw_run(learner, "weight_decay=0")
    want = adamw(params, grads_seq, **hyper)[-1]
    for i in range(len(params)):
        expect_params(out["history"][-1][i], want[i], name=f"AdamW: params[{i}] after {len(grads_seq)} steps with weight_decay=0",
                      alternatives=adamw_alternatives(params, grads_seq, i, hyper))


@pytest.mark.parametrize("key", ["several steps A", "several steps B"])
def test_adamw_matches_formula_over_several_steps(learner, key):
    out, params, grads_seq, hyper = adamw_run(learner, key)
    want = adamw(params, grads_seq, **hyper)[-1]
    for i, p0 in enumerate(params):
        expect_params(out["history"][-1][i], want[i], inputs={f"params[{i}]": p0},
                      name=f"params[{i}] after {len(grads_seq)} steps of AdamW({_described(hyper, ADAMW_DEFAULTS)})",
                      alternatives=adamw_alternatives(params, grads_seq, i, hyper))


def test_adamw_default_hyperparameters(learner):
    out, params, grads_seq, hyper = adamw_run(learner, "defaults")
    want = adamw(params, grads_seq, **hyper)[-1]
    for i in range(len(params)):
        alt = adamw_alternatives(params, grads_seq, i, hyper)
        alt["the defaults should be lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2"] = \
            adamw(params, grads_seq, **{**hyper, "weight_decay": 0.0})[-1][i]
        expect_params(out["history"][-1][i], want[i], name=f"params[{i}] after {len(grads_seq)} steps of AdamW()", alternatives=alt)


def test_adamw_adds_eps_after_the_square_root(learner):
    out, params, grads_seq, hyper = adamw_run(learner, "large eps")
    p0 = params[0]
    want = adamw(params, grads_seq, **hyper)[-1][0] - p0
    expect_params(np.asarray(out["history"][-1][0] - p0), want, rtol=RTOL,
                  name=f"AdamW: the total move of params[0] over {len(grads_seq)} steps with eps={hyper['eps']:g} and small gradients",
                  alternatives=adamw_alternatives(params, grads_seq, 0, hyper, relative_to=p0))


def test_adamw_updates_params_in_place_and_leaves_grads_alone(learner):
    for key, (_, _, grads_seq) in ADAMW_CASES.items():
        out = _recorded(learner, adamw_runs, ADAMW_CASES, key, "AdamW")
        _expect_same_objects(out, "AdamW")
        _expect_grads_unchanged(out, grads_seq, "AdamW")


# ---- RMSProp ----

def test_rmsprop_first_step(learner):
    out, params, grads_seq, hyper = rmsprop_run(learner, "first step")
    lr, alpha, eps = hyper["lr"], hyper["alpha"], hyper["eps"]
    for i, (p0, g) in enumerate(zip(params, grads_seq[0], strict=True)):
        want = np.asarray(-lr * g / (np.sqrt(1 - alpha) * np.abs(g) + eps))  # v = (1 - alpha) * g**2 after one step
        expect_params(np.asarray(out["history"][0][i] - p0), want, inputs={f"params[{i}]": p0},
                      name=f"RMSProp: the first step of params[{i}] (p_after - p_before, lr={lr:g}, alpha={alpha:g})",
                      alternatives=rmsprop_alternatives(params, grads_seq, i, hyper, step=0, relative_to=p0))


def test_rmsprop_constant_gradient_matches_closed_form(learner):
    # with a constant g, v_t = (1 - alpha**t) * g**2, so step t moves p by -lr * g / (sqrt(1 - alpha**t) * |g| + eps)
    out, params, grads_seq, hyper = rmsprop_run(learner, "constant gradient")
    lr, alpha, eps = hyper["lr"], hyper["alpha"], hyper["eps"]
    steps = len(grads_seq)
    for i, p0 in enumerate(params):
        g = grads_seq[0][i]
        moves = [-lr * g / (np.sqrt(1 - alpha**t) * np.abs(g) + eps) for t in range(1, steps + 1)]
        want = p0 + np.cumsum(np.stack(moves), axis=0)
        got = np.stack([h[i] for h in out["history"]])
        alt = {text: np.stack([h[i] for h in rmsprop(params, grads_seq, **hyper, mistake=key)])
               for key, text in RMSPROP_MISTAKES.items() if key != "shared"}
        expect_params(got, want, alternatives=alt, inputs={f"params[{i}]": p0},
                      name=f"RMSProp: params[{i}] after each of {steps} steps with a constant gradient (axis 0 is the step; "
                           f"lr={lr:g}, alpha={alpha:g})")


@pytest.mark.parametrize("key", ["several steps A", "several steps B"])
def test_rmsprop_matches_formula_over_several_steps(learner, key):
    out, params, grads_seq, hyper = rmsprop_run(learner, key)
    want = rmsprop(params, grads_seq, **hyper)[-1]
    for i, p0 in enumerate(params):
        expect_params(out["history"][-1][i], want[i], inputs={f"params[{i}]": p0},
                      name=f"params[{i}] after {len(grads_seq)} steps of RMSProp({_described(hyper, RMSPROP_DEFAULTS)})",
                      alternatives=rmsprop_alternatives(params, grads_seq, i, hyper))


def test_rmsprop_default_hyperparameters(learner):
    out, params, grads_seq, hyper = rmsprop_run(learner, "defaults")
    want = rmsprop(params, grads_seq, **hyper)[-1]
    for i in range(len(params)):
        alt = rmsprop_alternatives(params, grads_seq, i, hyper)
        alt["the defaults should be lr=1e-2, alpha=0.99, eps=1e-8"] = rmsprop(params, grads_seq, **{**hyper, "alpha": 0.9})[-1][i]
        expect_params(out["history"][-1][i], want[i], name=f"params[{i}] after {len(grads_seq)} steps of RMSProp()",
                      alternatives=alt)


def test_rmsprop_adds_eps_after_the_square_root(learner):
    out, params, grads_seq, hyper = rmsprop_run(learner, "large eps")
    p0 = params[0]
    want = rmsprop(params, grads_seq, **hyper)[-1][0] - p0
    expect_params(np.asarray(out["history"][-1][0] - p0), want, rtol=RTOL,
                  name=f"RMSProp: the total move of params[0] over {len(grads_seq)} steps with eps={hyper['eps']:g} and small gradients",
                  alternatives=rmsprop_alternatives(params, grads_seq, 0, hyper, relative_to=p0))


def test_rmsprop_updates_params_in_place_and_leaves_grads_alone(learner):
    for key, (_, _, grads_seq) in RMSPROP_CASES.items():
        out = _recorded(learner, rmsprop_runs, RMSPROP_CASES, key, "RMSProp")
        _expect_same_objects(out, "RMSProp")
        _expect_grads_unchanged(out, grads_seq, "RMSProp")


# ---- shared by both ----

def _expect_same_objects(out, cls):
    for i, same in enumerate(out["same"]):
        expect_true(same, f"{cls}.step() put a different object in params[{i}]",
                    "update the arrays you were given (p -= ...); the caller's references must see the new values")


def _expect_grads_unchanged(out, grads_seq, cls):
    for k, (before, after) in enumerate(zip(grads_seq, out["grads"], strict=True)):
        expect_true(len(after) == len(before), f"{cls}.step() changed the length of the grads list passed at step {k + 1}",
                    "read the gradients, do not add to or remove from the list")
        for i, (g, g_after) in enumerate(zip(before, after, strict=True)):
            expect_true(np.array_equal(g, g_after), f"{cls}.step() modified grads[{i}] passed at step {k + 1}",
                        "do not write into a gradient array (g += weight_decay * p, g **= 2); compute new arrays from it")
