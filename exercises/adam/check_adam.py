"""Checks for adam: per-parameter m and v, one step count per step(), bias correction, eps after the sqrt, in place.

Every run of the grade happens in one sandboxed process (`every_run`), each its own part with
arrays of its own, against a copy of the learner's module loaded afresh from the graded text (`guarded_afresh`):
state kept on the class or the module starts empty in every part, as it did in a process of its own.
"""

import numpy as np
import pytest

from quizprep.grading.api import (
    RTOL,
    CheckFailed,
    expect_array,
    expect_true,
    expect_updated_in_place,
    guarded_afresh,
    record_steps,
    seeded,
    shape_id,
    step_in_turn,
)

# Where eps goes only shows when eps is comparable to sqrt(v_hat); that is judged by its own check
# (test_eps_is_added_to_sqrt_of_v_hat, at the default RTOL). Every other check uses gradients with
# |g| >= 1 and accepts differences up to STEP_RTOL: eps-placement variants move a step by at most
# ~eps / sqrt(1 - beta2) / |g| ~ 3e-7 relative there, while every mistake below is off by >= 1e-2.
STEP_RTOL = 1e-6

B1, B2, EPS = 0.9, 0.999, 1e-8

MISTAKES = {
    "no_correction": "the bias correction is missing — divide by (1 - beta1**t) and (1 - beta2**t): "
                     "m_hat = m / (1 - beta1**t), v_hat = v / (1 - beta2**t)",
    "t_per_param": "t was incremented once per parameter — t counts calls to step(): increment it once, before the loop",
    "shared": "all parameters share one m and v — keep separate moment arrays for each parameter",
    "v_of_g": "v must average the squared gradient: v = beta2 * v + (1 - beta2) * g**2",
    "eps_in_sqrt": "eps went inside the square root — the update is m_hat / (np.sqrt(v_hat) + eps)",
    "folded": "the bias correction was folded into the step size (lr * sqrt(1 - beta2**t) / (1 - beta1**t)), which "
              "rescales eps — this exercise (like PyTorch) computes m_hat / (np.sqrt(v_hat) + eps)",
}


def drive(m, kwargs, params, grads_seq):
    """Build Adam(**kwargs), step once per entry of grads_seq; return what the caller sees."""
    return {**record_steps(m.Adam(**kwargs).step, params, grads_seq), "grads": grads_seq}


def drive_two(m, kwargs, params_a, params_b, grads_seq):
    """Two Adam optimizers on two models, stepped in turn; each model's own arrays afterwards."""
    return step_in_turn(m.Adam(**kwargs), m.Adam(**kwargs), params_a, params_b, grads_seq)


def adam(params, grads_seq, lr=1e-3, beta1=B1, beta2=B2, eps=EPS, mistake=None):
    """Trusted: the params after each step, for Adam as specified or with one of MISTAKES."""
    ps = [np.array(p, dtype=np.float64) for p in params]
    ms, vs = [np.zeros_like(p) for p in ps], [np.zeros_like(p) for p in ps]
    m_shared = v_shared = 0.0
    history = []
    for t, grads in enumerate(grads_seq, 1):
        for i, g in enumerate(grads):
            k = (t - 1) * len(grads) + i + 1 if mistake == "t_per_param" else t
            if mistake == "shared":
                m_shared = beta1 * m_shared + (1 - beta1) * g
                v_shared = beta2 * v_shared + (1 - beta2) * g * g
                m, v = m_shared, v_shared
            else:
                m = ms[i] = beta1 * ms[i] + (1 - beta1) * g
                v = vs[i] = beta2 * vs[i] + (1 - beta2) * (g if mistake == "v_of_g" else g * g)
            c1, c2 = (1.0, 1.0) if mistake == "no_correction" else (1 - beta1**k, 1 - beta2**k)
            if mistake == "eps_in_sqrt":
                step = (m / c1) / np.sqrt(v / c2 + eps)
            elif mistake == "folded":
                step = np.sqrt(c2) / c1 * m / (np.sqrt(v) + eps)
            else:
                step = (m / c1) / (np.sqrt(v / c2) + eps)
            ps[i] = ps[i] - lr * step
        history.append([np.asarray(p) for p in ps])
    return history


def alternatives(params, grads_seq, i, step=-1, relative_to=None, **hyper):
    """params[i] after `step` under each classic mistake (minus `relative_to`, if given)."""
    alt = {}
    for key, text in MISTAKES.items():
        try:
            with np.errstate(invalid="ignore"):  # sqrt of a negative v under the v_of_g mistake
                value = adam(params, grads_seq, mistake=key, **hyper)[step][i]
        except ValueError:  # one shared m, v cannot broadcast across these shapes: that mistake would raise
            continue
        alt[text] = np.asarray(value - relative_to) if relative_to is not None else value
    return alt


def gradients(rng, shape):
    """Gradients with |g| in [1, 3] and random signs (see STEP_RTOL)."""
    return np.asarray(rng.uniform(1.0, 3.0, size=shape) * rng.choice([-1.0, 1.0], size=shape))


def problem(seed, shapes, steps):
    # params with |p| >= 1 stay far from 0 for the few lr-sized steps taken, so RTOL on p is meaningful
    rng = seeded(seed)
    params = [gradients(rng, s) for s in shapes]
    grads_seq = [[gradients(rng, s) for s in shapes] for _ in range(steps)]
    return params, grads_seq


def expect_params_updated_in_place(out, initial):
    expect_updated_in_place(out, initial, delta="...", fix="p -= lr * m_hat / (np.sqrt(v_hat) + eps)")


def expect_adam(got, want, *, name, alternatives=None, rtol=STEP_RTOL, inputs=None):
    """expect_array, with Adam's usual causes of NaN spelled out."""
    if isinstance(got, np.ndarray) and got.dtype.kind == "f" and not np.all(np.isfinite(got)):
        raise CheckFailed(f"{name} contains NaN or inf",
                          ("if t is still 0 when you divide by (1 - beta1**t), that is 0 / 0 — increment t first",
                           "v must average g**2 (not g): the square root of a negative v is NaN"))
    expect_array(got, want, name=name, rtol=rtol, alternatives=alternatives, inputs=inputs)


def ids(cases):
    return ["+".join(shape_id(s) for s in shapes) for shapes in cases]


FIRST_STEP_CASES = [[(1,)], [(3,), (3,)], [(3,), (2, 2), ()]]
SEVERAL_STEPS = [(1, [(5,)], dict(lr=0.01)), (2, [(3, 4), (4,), ()], dict(lr=0.02, beta1=0.8, beta2=0.99)),
                 (3, [(1,), (2, 3), (6, 1)], dict(lr=0.005, beta1=0.5, beta2=0.9, eps=1e-6))]


# --- every run of the grade: (probe, kwargs, params, grads_seq) per part of the shared run, each with arrays of its own ---

def _constant_gradient(steps=6):
    rng = seeded(10)
    params = [gradients(rng, (3,)), gradients(rng, (2, 2))]
    g = [gradients(rng, (3,)), gradients(rng, (2, 2))]
    return params, g, [[x.copy() for x in g] for _ in range(steps)]


def _large_eps():
    rng = seeded(50)
    params = [gradients(rng, (5,))]
    return params, [[1e-3 * gradients(rng, (5,))] for _ in range(3)]


CONSTANT = _constant_gradient()  # params, g, grads_seq
TWO_SHAPES = [(3,), (2, 2)]
TWO_A, TWO_B = problem(80, TWO_SHAPES, steps=4), problem(81, TWO_SHAPES, steps=4)  # (params, grads_seq) of each model
SHARED_STATE = ("if the checks of a single Adam pass, two Adam objects share their state: keep m, v and t on the instance "
                "(self.m = ... in __init__ or on the first step) — a list or dict in the class body is shared by every Adam")

RUNS = {
    **{f"first step {name}": (drive, {"lr": 0.01}, *problem(len(shapes), shapes, steps=1))
       for shapes, name in zip(FIRST_STEP_CASES, ids(FIRST_STEP_CASES), strict=True)},
    "constant gradient": (drive, {"lr": 0.01}, CONSTANT[0], CONSTANT[2]),
    "step count": (drive, {"lr": 0.01}, *problem(20, [(2,), (3,), (2, 2)], steps=4)),
    "own moments": (drive, {"lr": 0.01}, *problem(30, [(3,), (3,)], steps=4)),
    **{f"several steps {seed}": (drive, hyper, *problem(seed, shapes, steps=6)) for seed, shapes, hyper in SEVERAL_STEPS},
    "defaults": (drive, {}, *problem(40, [(4, 2), (3,)], steps=5)),
    "large eps": (drive, {"lr": 0.01, "eps": 1e-3}, *_large_eps()),
    "in place": (drive, {"lr": 0.01}, *problem(60, [(2, 3), (3,)], steps=3)),
    "grads": (drive, {"lr": 0.01}, *problem(70, [(3,), (2, 2)], steps=3)),
    "two optimizers": (drive_two, {"lr": 0.01}, TWO_A[0], TWO_B[0], list(zip(TWO_A[1], TWO_B[1], strict=True))),
}


def every_run(m, source):
    """Every run of the grade in one sandboxed process, each a part of its own on a freshly loaded module."""
    return {name: guarded_afresh(m, source, probe, *args) for name, (probe, *args) in RUNS.items()}


def run(learner, name):
    """Part `name` of the shared run (what its probe returned), and its params and grads_seq as the check has them."""
    _, _, params, grads_seq = RUNS[name]
    return learner.part(every_run, name, learner.source).value, params, grads_seq


@pytest.mark.parametrize("shapes", FIRST_STEP_CASES, ids=ids(FIRST_STEP_CASES))
def test_first_step_moves_each_param_by_lr_against_its_grad(learner, shapes):
    lr = 0.01
    out, params, grads_seq = run(learner, f"first step {ids([shapes])[0]}")
    expect_params_updated_in_place(out, params)
    for i, (p0, g) in enumerate(zip(params, grads_seq[0], strict=True)):
        moved = np.asarray(out["history"][0][i] - p0)
        expect_adam(moved, -lr * g / (np.abs(g) + EPS), name=f"the first step of params[{i}] (p_after - p_before, lr={lr})",
                    inputs={f"params[{i}]": p0}, alternatives=alternatives(params, grads_seq, i, 0, p0, lr=lr))


def test_constant_gradient_gives_equal_steps_of_lr(learner):
    # with a constant g the bias-corrected averages are exactly m_hat = g and v_hat = g**2 at every step,
    # so every step is lr * g / (|g| + eps); without the correction the steps start ~3x too big and shrink
    lr = 0.01
    out, params, grads_seq = run(learner, "constant gradient")
    g, steps = CONSTANT[1], len(grads_seq)
    expect_params_updated_in_place(out, params)

    def per_step(history, i):
        return np.diff(np.stack([params[i]] + [h[i] for h in history]), axis=0)

    for i in range(len(params)):
        want = np.stack([-lr * g[i] / (np.abs(g[i]) + EPS)] * steps)
        with np.errstate(invalid="ignore"):
            alt = {text: per_step(adam(params, grads_seq, lr, mistake=key), i) for key, text in MISTAKES.items() if key != "shared"}
        expect_adam(per_step(out["history"], i), want, alternatives=alt,
                    name=f"each of {steps} steps of params[{i}] under a constant gradient (axis 0 is the step)")


def test_step_count_is_shared_across_params(learner):
    out, params, grads_seq = run(learner, "step count")
    expect_params_updated_in_place(out, params)
    want = adam(params, grads_seq, 0.01)[-1]
    for i in range(len(params)):
        expect_adam(out["history"][-1][i], want[i], name=f"params[{i}] after 4 steps (three params)",
                    alternatives=alternatives(params, grads_seq, i, lr=0.01))


def test_each_param_has_its_own_moments(learner):
    out, params, grads_seq = run(learner, "own moments")
    expect_params_updated_in_place(out, params)
    want = adam(params, grads_seq, 0.01)[-1]
    for i in range(len(params)):
        expect_adam(out["history"][-1][i], want[i], name=f"params[{i}] after 4 steps (two params, different grads)",
                    alternatives=alternatives(params, grads_seq, i, lr=0.01))


@pytest.mark.parametrize("seed,shapes,hyper", SEVERAL_STEPS, ids=ids([c[1] for c in SEVERAL_STEPS]))
def test_matches_reference_over_several_steps(learner, reference, seed, shapes, hyper):
    out, params, grads_seq = run(learner, f"several steps {seed}")
    want = reference.run(drive, hyper, params, grads_seq)["history"][-1]
    expect_params_updated_in_place(out, params)
    for i in range(len(shapes)):
        expect_adam(out["history"][-1][i], want[i], name=f"params[{i}] after 6 steps with {hyper}",
                    inputs={f"params[{i}]": params[i]}, alternatives=alternatives(params, grads_seq, i, **hyper))


def test_matches_step_by_step_formula_with_default_hyperparameters(learner):
    out, params, grads_seq = run(learner, "defaults")
    expect_params_updated_in_place(out, params)
    want = adam(params, grads_seq)[-1]  # lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8
    for i in range(len(params)):
        alt = alternatives(params, grads_seq, i)
        alt["the defaults should be lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8"] = adam(params, grads_seq, lr=1e-2)[-1][i]
        expect_adam(out["history"][-1][i], want[i], name=f"params[{i}] after 5 steps of Adam() with default settings",
                    alternatives=alt)


def test_eps_is_added_to_sqrt_of_v_hat(learner):
    # with eps = 1e-3 and gradients of a few 1e-3, eps is a large part of the denominator, so where it
    # goes changes each step by tens of percent; judged at the default RTOL
    lr, eps = 0.01, 1e-3
    out, params, grads_seq = run(learner, "large eps")
    expect_params_updated_in_place(out, params)
    moved = np.asarray(out["history"][-1][0] - params[0])
    want = adam(params, grads_seq, lr, eps=eps)[-1][0] - params[0]
    expect_adam(moved, want, rtol=RTOL, name=f"the total move of params[0] over 3 steps with eps={eps} and small gradients",
                alternatives=alternatives(params, grads_seq, 0, relative_to=params[0], lr=lr, eps=eps))


def test_updates_params_in_place(learner):
    out, params, grads_seq = run(learner, "in place")
    expect_params_updated_in_place(out, params)
    for i, same in enumerate(out["same"]):
        expect_true(same, f"step() put a different object in params[{i}]",
                    "update the arrays you were given (p -= ...); the caller's references must see the new values")
    want = adam(params, grads_seq, 0.01)[-1]
    for i in range(len(params)):
        expect_adam(out["history"][-1][i], want[i], name=f"the caller's params[{i}] after 3 steps",
                    alternatives=alternatives(params, grads_seq, i, lr=0.01))


def test_grads_not_modified(learner):
    out, _, grads_seq = run(learner, "grads")
    for k, (before, after) in enumerate(zip(grads_seq, out["grads"], strict=True)):
        expect_true(len(after) == len(before), f"step() changed the length of the grads list passed at step {k + 1}",
                    "read the gradients, do not add to or remove from the list")
        for i, (g, g_after) in enumerate(zip(before, after, strict=True)):
            expect_true(np.array_equal(g, g_after), f"step() modified grads[{i}] passed at step {k + 1}",
                        "do not write into a gradient array (g *= ..., g **= 2); compute new arrays from it instead")


def test_two_optimizers_keep_separate_state(learner):
    # each model alone is the "several steps" case; only state shared between the two instances changes them
    got = learner.part(every_run, "two optimizers", learner.source).value
    for label, held, (params, grads_seq) in zip(("first", "second"), got, (TWO_A, TWO_B), strict=True):
        want = adam(params, grads_seq, 0.01)[-1]
        for i in range(len(params)):
            try:
                expect_adam(held[i], want[i], name=f"the {label} model's params[{i}] after 4 steps, its Adam stepped in turn with "
                                                   "another model's", alternatives=alternatives(params, grads_seq, i, lr=0.01))
            except CheckFailed as failed:
                raise CheckFailed(failed.message, failed.diagnosis + (SHARED_STATE,)) from None
