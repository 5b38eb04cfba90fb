"""Checks for sgd_momentum: v = momentum * v + g; p -= lr * v, one v per parameter, params updated in place.

Every run of the grade happens in one sandboxed process (`every_run`), each its own part with
arrays of its own, against a copy of the learner's module loaded afresh from the graded text (`guarded_afresh`):
state kept on the class or the module starts empty in every part, as it did in a process of its own, so
velocities shared through a class attribute are still caught, and named, by the two-optimizer check only.
"""

import numpy as np
import pytest

from quizprep.grading.api import (
    expect_array,
    expect_true,
    expect_updated_in_place,
    guarded_afresh,
    record_steps,
    seeded,
    shape_id,
    step_in_turn,
)

# Every comparison uses the default RTOL/ATOL: trajectories are a few float64 multiply-adds, so a
# correct update written differently (v = momentum * v + lr * g; p -= v, in-place ufuncs, loops)
# agrees to ~1e-15, and every mistake below moves some parameter by a visible fraction of lr * g.

LR, MOMENTUM = 0.1, 0.9
STEPS = 8

MISTAKES = {
    "plain": "the velocity does not carry over between steps: the parameters moved exactly as plain SGD (p -= lr * g) "
             "— keep each v on self, create it once (first step), and update it on every step",
    "ema": "the gradient was scaled by (1 - momentum) — this exercise (like PyTorch) accumulates v = momentum * v + g",
    "shared": "all parameters share one velocity — keep a separate v for each parameter (one zero array per param)",
    "late": "p moved with the velocity from before this step — update v first, then p -= lr * v",
}


def drive(m, kwargs, params, grads_seq):
    """Build SGDMomentum(**kwargs), step once per entry of grads_seq; return what the caller sees."""
    return {**record_steps(m.SGDMomentum(**kwargs).step, params, grads_seq), "grads": grads_seq}


def drive_two(m, kwargs, params_a, params_b, grads_seq):
    """Two optimizers on two models, stepped alternately; each model's own arrays afterwards."""
    return step_in_turn(m.SGDMomentum(**kwargs), m.SGDMomentum(**kwargs), params_a, params_b, grads_seq)


def trajectory(params, grads_seq, lr, momentum, mistake=None):
    """Trusted: the params after each step, for the correct update or one of MISTAKES."""
    ps = [np.array(p, dtype=np.float64) for p in params]
    vs = [np.zeros_like(p) for p in ps]
    shared = 0.0
    history = []
    for grads in grads_seq:
        for i, g in enumerate(grads):
            if mistake == "shared":
                shared = momentum * shared + g
                ps[i] = ps[i] - lr * shared
                continue
            old = vs[i]
            vs[i] = momentum * vs[i] + ((1 - momentum) if mistake == "ema" else 1.0) * g
            ps[i] = ps[i] - lr * {"plain": g, "late": old}.get(mistake, vs[i])
        history.append([np.asarray(p) for p in ps])
    return history


def alternatives(params, grads_seq, lr, momentum, i, step=-1):
    """The value params[i] would have after `step` under each classic mistake (that can run on these shapes)."""
    alt = {}
    for key, text in MISTAKES.items():
        try:
            alt[text] = trajectory(params, grads_seq, lr, momentum, key)[step][i]
        except ValueError:  # one shared velocity cannot broadcast across these shapes: that mistake would raise
            pass
    return alt


def problem(seed, shapes, steps):
    rng = seeded(seed)
    params = [rng.normal(size=s) for s in shapes]
    grads_seq = [[rng.normal(size=s) for s in shapes] for _ in range(steps)]
    return params, grads_seq


def expect_params_updated_in_place(out, initial):
    expect_updated_in_place(out, initial, delta="lr * v", fix="p -= lr * v (or p[...] = p - lr * v)")


def ids(cases):
    return ["+".join(shape_id(s) for s in shapes) for shapes in cases]


FIRST_STEP_CASES = [[()], [(4, 3), (4, 3)], [(2, 5), (5,), ()]]
SEVERAL_STEPS = [(1, [(5,)], 0.05, 0.9), (2, [(3, 4), (4,), ()], 0.01, 0.99), (3, [(1,), (2, 3), (6, 1)], 0.3, 0.5)]


# --- every run of the grade: (probe, *args) per part of the shared run, each with arrays of its own ------

def _constant_gradient():
    rng = seeded(20)
    p0, g, steps = rng.normal(size=(4, 2)), rng.normal(size=(4, 2)), 12
    return p0, g, [[g.copy()] for _ in range(steps)]


def _two_models():
    rng = seeded(60)
    pa, pb = rng.normal(size=(3,)), rng.normal(size=(3,))
    return pa, pb, [[[rng.normal(size=3)], [rng.normal(size=3)]] for _ in range(3)]


CONSTANT = _constant_gradient()  # p0, g, grads_seq
TWO = _two_models()  # pa, pb, grads_seq
KW = {"lr": LR, "momentum": MOMENTUM}

RUNS = {
    **{f"first step {shape_id_list}": (drive, KW, *problem(len(shapes), shapes, steps=2))
       for shapes, shape_id_list in zip(FIRST_STEP_CASES, ids(FIRST_STEP_CASES), strict=True)},
    "constant gradient": (drive, {"lr": LR}, [CONSTANT[0]], CONSTANT[2]),
    "own velocity": (drive, KW, *problem(10, [(3,), (3,)], steps=4)),
    **{f"several steps {seed}": (drive, {"lr": lr, "momentum": momentum}, *problem(seed, shapes, STEPS))
       for seed, shapes, lr, momentum in SEVERAL_STEPS},
    "momentum zero": (drive, {"lr": LR, "momentum": 0.0}, *problem(30, [(3, 2), (4,)], steps=5)),
    "in place": (drive, KW, *problem(40, [(2, 3), (3,)], steps=3)),
    "grads": (drive, KW, *problem(50, [(3,), (2, 2)], steps=3)),
    "two optimizers": (drive_two, KW, [TWO[0].copy()], [TWO[1].copy()], TWO[2]),
}


def every_run(m, source):
    """Every run of the grade in one sandboxed process, each a part of its own on a freshly loaded module."""
    return {name: guarded_afresh(m, source, probe, *args) for name, (probe, *args) in RUNS.items()}


def run(learner, name):
    """Part `name` of the shared run: what its probe returned."""
    return learner.part(every_run, name, learner.source).value


@pytest.mark.parametrize("shapes", FIRST_STEP_CASES, ids=ids(FIRST_STEP_CASES))
def test_first_step_moves_each_param_by_minus_lr_times_grad(learner, shapes):
    name = f"first step {ids([shapes])[0]}"
    _, _, params, grads_seq = RUNS[name]
    out = run(learner, name)
    expect_params_updated_in_place(out, params)
    for i, (p0, g) in enumerate(zip(params, grads_seq[0], strict=True)):
        moved = np.asarray(out["history"][0][i] - p0)
        alt = {text: np.asarray(value - p0) for text, value in alternatives(params, grads_seq, LR, MOMENTUM, i, step=0).items()}
        expect_array(moved, -LR * g, name=f"the first step of params[{i}] (p_after - p_before)",
                     inputs={f"params[{i}]": p0}, alternatives=alt)


def test_constant_gradient_matches_closed_form_with_default_momentum(learner):
    # with a constant g, v_t = g (1 - m^t) / (1 - m), so p_t = p_0 - lr g / (1 - m) * (t - m (1 - m^t) / (1 - m))
    p0, g, grads_seq = CONSTANT
    steps, m = len(grads_seq), 0.9
    out = run(learner, "constant gradient")
    expect_params_updated_in_place(out, [p0])
    t = np.arange(1, steps + 1).reshape(-1, 1, 1)
    want = p0 - LR * g / (1 - m) * (t - m * (1 - m**t) / (1 - m))
    got = np.stack([h[0] for h in out["history"]])
    alt = {text: np.stack([h[0] for h in trajectory([p0], grads_seq, LR, m, key)]) for key, text in MISTAKES.items()}
    alt["the default momentum should be 0.9 — def __init__(self, lr, momentum=0.9)"] = \
        np.stack([h[0] for h in trajectory([p0], grads_seq, LR, 0.0)])
    expect_array(got, want, name="params after each of 12 steps with a constant gradient (axis 0 is the step)",
                 inputs={"params[0]": p0}, alternatives=alt)


def test_each_param_has_its_own_velocity(learner):
    _, _, params, grads_seq = RUNS["own velocity"]
    shapes = [p.shape for p in params]
    out = run(learner, "own velocity")
    expect_params_updated_in_place(out, params)
    want = trajectory(params, grads_seq, LR, MOMENTUM)[-1]
    for i in range(len(shapes)):
        expect_array(out["history"][-1][i], want[i], name=f"params[{i}] after 4 steps (two params, different grads)",
                     alternatives=alternatives(params, grads_seq, LR, MOMENTUM, i))


@pytest.mark.parametrize("seed,shapes,lr,momentum", SEVERAL_STEPS, ids=ids([c[1] for c in SEVERAL_STEPS]))
def test_matches_reference_over_several_steps(learner, reference, seed, shapes, lr, momentum):
    _, *args = RUNS[f"several steps {seed}"]
    _, params, grads_seq = args
    out = run(learner, f"several steps {seed}")
    want = reference.run(drive, *args)["history"][-1]
    expect_params_updated_in_place(out, params)
    for i in range(len(shapes)):
        expect_array(out["history"][-1][i], want[i], name=f"params[{i}] after {STEPS} steps (lr={lr}, momentum={momentum})",
                     inputs={f"params[{i}]": params[i]}, alternatives=alternatives(params, grads_seq, lr, momentum, i))


def test_momentum_zero_is_plain_sgd(learner):
    _, _, params, grads_seq = RUNS["momentum zero"]
    out = run(learner, "momentum zero")
    expect_params_updated_in_place(out, params)
    for i, p0 in enumerate(params):
        want = p0 - LR * sum(grads[i] for grads in grads_seq)
        expect_array(out["history"][-1][i], want, name=f"params[{i}] after 5 steps with momentum=0 (plain SGD)",
                     inputs={f"params[{i}]": p0})


def test_updates_params_in_place(learner):
    _, _, params, grads_seq = RUNS["in place"]
    out = run(learner, "in place")
    expect_params_updated_in_place(out, params)
    for i, same in enumerate(out["same"]):
        expect_true(same, f"step() put a different object in params[{i}]",
                    "update the arrays you were given (p -= lr * v); the caller's references must see the new values")
    want = trajectory(params, grads_seq, LR, MOMENTUM)[-1]
    for i in range(len(params)):
        expect_array(out["history"][-1][i], want[i], name=f"the caller's params[{i}] after 3 steps",
                     alternatives=alternatives(params, grads_seq, LR, MOMENTUM, i))


def test_grads_not_modified(learner):
    _, _, _, grads_seq = RUNS["grads"]
    out = run(learner, "grads")
    for k, (before, after) in enumerate(zip(grads_seq, out["grads"], strict=True)):
        expect_true(len(after) == len(before), f"step() changed the length of the grads list passed at step {k + 1}",
                    "read the gradients, do not add to or remove from the list")
        for i, (g, g_after) in enumerate(zip(before, after, strict=True)):
            expect_true(np.array_equal(g, g_after), f"step() modified grads[{i}] passed at step {k + 1}",
                        "do not write into a gradient array; if you started a velocity as v = g, "
                        "v *= momentum then changes g as well — start from np.zeros_like(p)")


def test_two_optimizers_keep_separate_state(learner):
    pa, pb, grads_seq = TWO
    got_a, got_b = run(learner, "two optimizers")
    want_a = trajectory([pa], [ga for ga, _ in grads_seq], LR, MOMENTUM)[-1][0]
    want_b = trajectory([pb], [gb for _, gb in grads_seq], LR, MOMENTUM)[-1][0]
    mixed = trajectory([pa, pb], [ga + gb for ga, gb in grads_seq], LR, MOMENTUM, "shared")[-1]
    why = "the two optimizers share their velocities — keep state on the instance (self.velocities), not on the class"
    expect_array(got_a[0], want_a, name="the first model's params after 3 steps", alternatives={why: mixed[0]})
    expect_array(got_b[0], want_b, name="the second model's params after 3 steps", alternatives={why: mixed[1]})
