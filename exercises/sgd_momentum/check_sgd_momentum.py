"""Checks for sgd_momentum: v = momentum * v + g; p -= lr * v, one v per parameter, params updated in place."""

import numpy as np
import pytest

from quizprep.grading.api import expect_array, expect_true, expect_updated_in_place, record_steps, seeded, shape_id

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
    opt_a, opt_b = m.SGDMomentum(**kwargs), m.SGDMomentum(**kwargs)
    held_a, held_b = list(params_a), list(params_b)
    for grads_a, grads_b in grads_seq:
        opt_a.step(params_a, grads_a)
        opt_b.step(params_b, grads_b)
    return held_a, held_b


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


@pytest.mark.parametrize("shapes", FIRST_STEP_CASES, ids=ids(FIRST_STEP_CASES))
def test_first_step_moves_each_param_by_minus_lr_times_grad(learner, shapes):
    params, grads_seq = problem(len(shapes), shapes, steps=2)
    out = learner.run(drive, {"lr": LR, "momentum": MOMENTUM}, params, grads_seq)
    expect_params_updated_in_place(out, params)
    for i, (p0, g) in enumerate(zip(params, grads_seq[0], strict=True)):
        moved = np.asarray(out["history"][0][i] - p0)
        alt = {text: np.asarray(value - p0) for text, value in alternatives(params, grads_seq, LR, MOMENTUM, i, step=0).items()}
        expect_array(moved, -LR * g, name=f"the first step of params[{i}] (p_after - p_before)",
                     inputs={f"params[{i}]": p0}, alternatives=alt)


def test_constant_gradient_matches_closed_form_with_default_momentum(learner):
    # with a constant g, v_t = g (1 - m^t) / (1 - m), so p_t = p_0 - lr g / (1 - m) * (t - m (1 - m^t) / (1 - m))
    rng = seeded(20)
    p0, g, steps, m = rng.normal(size=(4, 2)), rng.normal(size=(4, 2)), 12, 0.9
    grads_seq = [[g.copy()] for _ in range(steps)]
    out = learner.run(drive, {"lr": LR}, [p0], grads_seq)
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
    shapes = [(3,), (3,)]
    params, grads_seq = problem(10, shapes, steps=4)
    out = learner.run(drive, {"lr": LR, "momentum": MOMENTUM}, params, grads_seq)
    expect_params_updated_in_place(out, params)
    want = trajectory(params, grads_seq, LR, MOMENTUM)[-1]
    for i in range(len(shapes)):
        expect_array(out["history"][-1][i], want[i], name=f"params[{i}] after 4 steps (two params, different grads)",
                     alternatives=alternatives(params, grads_seq, LR, MOMENTUM, i))


SEVERAL_STEPS = [(1, [(5,)], 0.05, 0.9), (2, [(3, 4), (4,), ()], 0.01, 0.99), (3, [(1,), (2, 3), (6, 1)], 0.3, 0.5)]


@pytest.mark.parametrize("seed,shapes,lr,momentum", SEVERAL_STEPS, ids=ids([c[1] for c in SEVERAL_STEPS]))
def test_matches_reference_over_several_steps(learner, reference, seed, shapes, lr, momentum):
    params, grads_seq = problem(seed, shapes, STEPS)
    args = ({"lr": lr, "momentum": momentum}, params, grads_seq)
    out = learner.run(drive, *args)
    want = reference.run(drive, *args)["history"][-1]
    expect_params_updated_in_place(out, params)
    for i in range(len(shapes)):
        expect_array(out["history"][-1][i], want[i], name=f"params[{i}] after {STEPS} steps (lr={lr}, momentum={momentum})",
                     inputs={f"params[{i}]": params[i]}, alternatives=alternatives(params, grads_seq, lr, momentum, i))


def test_momentum_zero_is_plain_sgd(learner):
    params, grads_seq = problem(30, [(3, 2), (4,)], steps=5)
    out = learner.run(drive, {"lr": LR, "momentum": 0.0}, params, grads_seq)
    expect_params_updated_in_place(out, params)
    for i, p0 in enumerate(params):
        want = p0 - LR * sum(grads[i] for grads in grads_seq)
        expect_array(out["history"][-1][i], want, name=f"params[{i}] after 5 steps with momentum=0 (plain SGD)",
                     inputs={f"params[{i}]": p0})


def test_updates_params_in_place(learner):
    params, grads_seq = problem(40, [(2, 3), (3,)], steps=3)
    out = learner.run(drive, {"lr": LR, "momentum": MOMENTUM}, params, grads_seq)
    expect_params_updated_in_place(out, params)
    for i, same in enumerate(out["same"]):
        expect_true(same, f"step() put a different object in params[{i}]",
                    "update the arrays you were given (p -= lr * v); the caller's references must see the new values")
    want = trajectory(params, grads_seq, LR, MOMENTUM)[-1]
    for i in range(len(params)):
        expect_array(out["history"][-1][i], want[i], name=f"the caller's params[{i}] after 3 steps",
                     alternatives=alternatives(params, grads_seq, LR, MOMENTUM, i))


def test_grads_not_modified(learner):
    params, grads_seq = problem(50, [(3,), (2, 2)], steps=3)
    out = learner.run(drive, {"lr": LR, "momentum": MOMENTUM}, params, grads_seq)
    for k, (before, after) in enumerate(zip(grads_seq, out["grads"], strict=True)):
        expect_true(len(after) == len(before), f"step() changed the length of the grads list passed at step {k + 1}",
                    "read the gradients, do not add to or remove from the list")
        for i, (g, g_after) in enumerate(zip(before, after, strict=True)):
            expect_true(np.array_equal(g, g_after), f"step() modified grads[{i}] passed at step {k + 1}",
                        "do not write into a gradient array; if you started a velocity as v = g, "
                        "v *= momentum then changes g as well — start from np.zeros_like(p)")


def test_two_optimizers_keep_separate_state(learner):
    rng = seeded(60)
    pa, pb = rng.normal(size=(3,)), rng.normal(size=(3,))
    grads_seq = [[[rng.normal(size=3)], [rng.normal(size=3)]] for _ in range(3)]
    got_a, got_b = learner.run(drive_two, {"lr": LR, "momentum": MOMENTUM}, [pa.copy()], [pb.copy()], grads_seq)
    want_a = trajectory([pa], [ga for ga, _ in grads_seq], LR, MOMENTUM)[-1][0]
    want_b = trajectory([pb], [gb for _, gb in grads_seq], LR, MOMENTUM)[-1][0]
    mixed = trajectory([pa, pb], [ga + gb for ga, gb in grads_seq], LR, MOMENTUM, "shared")[-1]
    why = "the two optimizers share their velocities — keep state on the instance (self.velocities), not on the class"
    expect_array(got_a[0], want_a, name="the first model's params after 3 steps", alternatives={why: mixed[0]})
    expect_array(got_b[0], want_b, name="the second model's params after 3 steps", alternatives={why: mixed[1]})
