"""Checks for lr_schedule: warmup_cosine rises linearly from 0, decays by a cosine to min_lr, holds it, returns a float.

Every call of the grade happens in one sandboxed process (`every_call`), each check's calls a
part of their own, against a copy of the learner's module loaded afresh from the graded text (`guarded_afresh`):
a cache or counter kept on the module starts empty in every part, as it did in a process of its own.
"""

import math

import numpy as np

from quizprep.grading.api import CheckFailed, describe_type, distinct_digits, expect_array, expect_scalar, expect_true, guarded_afresh

# One schedule the point checks use: 10 warmup steps, 100 decay steps (midpoint at step 60), min_lr a tenth of base_lr.
BASE, MIN, WARMUP, TOTAL = 0.1, 0.01, 10, 110
CFG = dict(base_lr=BASE, warmup_steps=WARMUP, total_steps=TOTAL, min_lr=MIN)

# Whole schedules compared with the reference: odd lengths, no min_lr (its default), no warmup, a one-step decay.
SCHEDULES = [
    (dict(base_lr=0.1, warmup_steps=10, total_steps=110, min_lr=0.01), list(range(140))),
    (dict(base_lr=3e-4, warmup_steps=500, total_steps=5000), list(range(0, 5600, 7))),
    (dict(base_lr=1.0, warmup_steps=0, total_steps=37, min_lr=0.1), list(range(50))),
    (dict(base_lr=0.05, warmup_steps=3, total_steps=4, min_lr=0.0), list(range(10))),
    (dict(base_lr=0.1, warmup_steps=6, total_steps=6, min_lr=0.02), list(range(10))),
]

MISTAKES = {
    "warmup+1": "off by one in the warmup — the lr at step s is base_lr * s / warmup_steps, so step 0 gives 0, not base_lr / warmup_steps",
    "no_min": "forgot min_lr in the decay — use min_lr + (base_lr - min_lr) * (1 + cos(pi * p)) / 2",
    "min_plus_base": "added min_lr on top of base_lr * (1 + cos) / 2 — scale the cosine by (base_lr - min_lr)",
    "step": "the cosine's progress used step instead of step - warmup_steps — count the decay from the end of warmup",
    "over_total": "the cosine's progress was divided by total_steps — divide by the decay's length, total_steps - warmup_steps",
    "bare_cos": "cos(pi * p) without (1 + ...) / 2 — it is (1 + cos(pi * p)) / 2 that slides from 1 down to 0",
    "no_hold": "the cosine was not stopped at total_steps, so it swings back up — from total_steps on, return min_lr",
    "all_warmup": "with warmup_steps == total_steps the decay has no steps, so total_steps already holds min_lr — test "
                  "step >= total_steps before the cosine (a max(1, total_steps - warmup_steps) guard starts a cosine there instead)",
    "le_warmup": "with warmup_steps = 0, step 0 still went through the warmup branch — test step < warmup_steps, "
                 "so that no warmup means starting at base_lr",
}


def mistaken_lr(step, base_lr, warmup_steps, total_steps, min_lr=0.0, *, mistake):
    """The schedule as written with one classic mistake (trusted code, only used to name what a learner did)."""
    b, w, T, m = base_lr, warmup_steps, total_steps, min_lr
    if mistake == "all_warmup":
        return b if step == T == w else mistaken_lr(step, b, w, T, m, mistake=None)
    if step < w or (mistake == "le_warmup" and step <= w):
        return b * (step + (mistake == "warmup+1")) / max(w, 1)
    if step >= T and mistake != "no_hold":
        return m
    p = {"step": step / (T - w), "over_total": (step - w) / T}.get(mistake, (step - w) / (T - w))
    c = math.cos(math.pi * p)
    return {"no_min": b * (1 + c) / 2, "min_plus_base": m + b * (1 + c) / 2, "bare_cos": m + (b - m) * c}.get(
        mistake, m + (b - m) * (1 + c) / 2)


def alternatives(steps, cfg):
    """Each classic mistake's values at these steps, keyed by what the learner should read."""
    out = {}
    for key, text in MISTAKES.items():
        try:
            out[text] = np.array([mistaken_lr(s, **cfg, mistake=key) for s in steps])
        except ZeroDivisionError:  # that mistake cannot be evaluated for this schedule
            pass
    return out


def call_at(m, steps, cfg):
    return [m.warmup_cosine(s, **cfg) for s in steps]


def call_schedules(m):
    return [call_at(m, steps, cfg) for cfg, steps in SCHEDULES]


# --- every call of the grade: (probe, *args) per part of the shared run -------------------------------------

NO_WARMUP = dict(base_lr=BASE, warmup_steps=0, total_steps=100, min_lr=MIN)
ALL_WARMUP = dict(base_lr=BASE, warmup_steps=8, total_steps=8, min_lr=MIN)
SHAPE = dict(base_lr=0.02, warmup_steps=50, total_steps=400, min_lr=0.001)

RUNS = {
    "start": (call_at, [0], CFG),
    "last warmup step": (call_at, [WARMUP - 1], CFG),
    "end of warmup": (call_at, [WARMUP], CFG),
    "middle of the decay": (call_at, [(WARMUP + TOTAL) // 2], CFG),
    "hold": (call_at, [TOTAL, TOTAL + 1, TOTAL + 50, 10 * TOTAL], CFG),
    "no warmup": (call_at, [0, 50, 100], NO_WARMUP),
    "all warmup": (call_at, [0, 4, 7, 8, 9, 30], ALL_WARMUP),
    "whole schedules": (call_schedules,),
    "shape": (call_at, list(range(0, 420)), SHAPE),
    "python float": (call_at, [0, WARMUP // 2, WARMUP, (WARMUP + TOTAL) // 2, TOTAL, 2 * TOTAL], CFG),
}


def every_call(m, source):
    """Every call of the grade in one sandboxed process, each check's a part of its own on a freshly loaded module."""
    return {name: guarded_afresh(m, source, probe, *args) for name, (probe, *args) in RUNS.items()}


def run(learner, name):
    """Part `name` of the shared run: the values its calls returned."""
    return learner.part(every_call, name, learner.source).value


def describe_call(step, cfg):
    return "warmup_cosine(" + ", ".join([str(step)] + [f"{k}={v}" for k, v in cfg.items()]) + ")"


def expect_values(got, want, steps, cfg):
    """One expect_scalar per step, so the message names the exact call that is off."""
    expect_true(isinstance(got, list) and len(got) == len(steps), "the check's probe did not get one value per step")
    for step, value, target in zip(steps, got, want, strict=True):
        alts = {k: float(v[0]) for k, v in alternatives([step], cfg).items()}
        expect_scalar(value, target, name=describe_call(step, cfg), alternatives=alts)


def as_floats(values, steps, cfg) -> np.ndarray:
    """The learner's values as one float64 array, or a message naming the first value that is not a number."""
    for step, v in zip(steps, values, strict=True):
        if isinstance(v, np.ndarray) and v.size == 1:
            v = v.reshape(())[()]
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, float, np.integer, np.floating)):
            raise CheckFailed(f"{describe_call(step, cfg)} should be a float, got {describe_type(v)}")
    return np.array([float(np.asarray(v).reshape(())) for v in values])


def test_starts_at_zero(learner):
    _, steps, _ = RUNS["start"]
    got = run(learner, "start")
    expect_values(got, [0.0], steps, CFG)


def test_last_warmup_step_is_just_below_base_lr(learner):
    _, steps, _ = RUNS["last warmup step"]
    got = run(learner, "last warmup step")
    expect_values(got, [BASE * (WARMUP - 1) / WARMUP], steps, CFG)


def test_is_exactly_base_lr_at_the_end_of_warmup(learner):
    _, steps, _ = RUNS["end of warmup"]
    got = run(learner, "end of warmup")
    expect_values(got, [BASE], steps, CFG)


def test_is_halfway_between_base_and_min_at_the_middle_of_the_decay(learner):
    _, steps, _ = RUNS["middle of the decay"]
    got = run(learner, "middle of the decay")
    expect_values(got, [(BASE + MIN) / 2], steps, CFG)


def test_holds_min_lr_from_total_steps_on(learner):
    _, steps, _ = RUNS["hold"]
    got = run(learner, "hold")
    expect_values(got, [MIN] * len(steps), steps, CFG)


def test_without_warmup_starts_at_base_lr(learner):
    # warmup_steps = 0: no warmup branch at all, so nothing may divide by it; step 0 is the top of the cosine
    _, steps, cfg = RUNS["no warmup"]
    got = run(learner, "no warmup")
    expect_values(got, [BASE, (BASE + MIN) / 2, MIN], steps, cfg)


def test_warmup_as_long_as_the_schedule_goes_straight_to_min_lr(learner):
    # warmup_steps == total_steps is allowed: the decay has no steps at all, so nothing may divide by
    # total_steps - warmup_steps; the warmup ramp ends, and min_lr holds from total_steps on
    _, steps, cfg = RUNS["all warmup"]
    got = run(learner, "all warmup")
    expect_values(got, [0.0, BASE * 4 / 8, BASE * 7 / 8, MIN, MIN, MIN], steps, cfg)


def test_whole_schedules_match_reference(learner, reference):
    got = run(learner, "whole schedules")
    want = reference.run(call_schedules)
    for (cfg, steps), values, target in zip(SCHEDULES, got, want, strict=True):
        name = f"{describe_call('step', cfg)} for step = {steps[0]}, {steps[1]}, … {steps[-1]}"
        expect_array(as_floats(values, steps, cfg), np.array(target), name=name, alternatives=alternatives(steps, cfg))


def test_rises_during_warmup_and_falls_after(learner):
    _, steps, cfg = RUNS["shape"]
    lr = as_floats(run(learner, "shape"), steps, cfg)
    step = np.array(steps[1:])
    up, down, held = step <= 50, (step > 50) & (step <= 400), step > 400
    diff = np.diff(lr)
    for phase, mask, ok, what in [("during warmup", up, diff > 0, "rise at every step"),
                                  ("during the decay", down, diff <= 0, "never rise"),
                                  ("after total_steps", held, diff == 0, "stay at min_lr")]:
        bad = np.flatnonzero(mask & ~ok)
        if bad.size:
            a, b = lr[bad[0]], lr[bad[0] + 1]
            n = distinct_digits([(a, b)])  # a rise of 1e-12 must not print as "from 0.0199 to 0.0199"
            raise CheckFailed(f"{describe_call('step', cfg)} should {what} {phase}, but goes from {a:.{n}g} at step "
                              f"{bad[0]} to {b:.{n}g} at step {bad[0] + 1}")


def test_returns_a_python_float(learner):
    _, steps, _ = RUNS["python float"]
    got = run(learner, "python float")
    for step, value in zip(steps, got, strict=True):
        expect_true(isinstance(value, float),  # np.float64 subclasses float and is accepted; arrays and ints are not
                    f"{describe_call(step, CFG)} returned {describe_type(value)}, expected a plain Python float",
                    "a learning rate is one number: return float(...), or use math.cos rather than np.cos / np.where")
