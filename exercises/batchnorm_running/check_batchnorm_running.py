"""Checks for batchnorm_running: BatchNorm1d's initial attributes; in training, the output from the
batch's biased statistics and the running mean and variance (the latter from the unbiased batch
variance) after every step, with PyTorch's momentum convention; in eval, the output from the running
statistics and not one attribute changed; momentum, eps, gamma and beta honoured; x unchanged.

Everything is computed against an implementation of the layer written here, on two runs: the
defaults (momentum 0.1, eps 1e-5, gamma and beta as initialised) and momentum 0.3, eps 0.05 with
gamma and beta assigned by the check. The learner's class runs once per grade (`learner.run_once`).
"""

import numpy as np
import pytest

from quizprep.grading.api import CheckFailed, describe_type, expect_array, expect_true, expect_unchanged, seeded

ATTRIBUTES = ("gamma", "beta", "running_mean", "running_var")
DEFAULTS = {"momentum": 0.1, "eps": 1e-5}
# Two runs of several training steps then eval batches. Batch sizes differ from step to step (the
# unbiased factor N / (N - 1) with them, 2 at N = 2); the eval batches include a single example.
# momentum 0.3 is not 0.5, where PyTorch's and Keras's conventions would coincide. With eps = 0.05 the
# batches have spreads of about 0.3, so eps changes the output visibly.
RUNS = {
    "defaults": {"D": 3, "momentum": None, "eps": None, "train": (5, 2, 8), "eval": (4, 1), "spread": 1.0, "affine": False},
    "momentum0.3_eps0.05": {"D": 4, "momentum": 0.3, "eps": 0.05, "train": (6, 3, 2), "eval": (3, 1), "spread": 0.3, "affine": True},
}
STEPS = [(run, i) for run, spec in RUNS.items() for i in range(len(spec["train"]))]
EVALS = [(run, i) for run, spec in RUNS.items() for i in range(len(spec["eval"]))]
# The default tolerances (1e-7 relative, 1e-10 absolute) hold: every quantity here is a few float64
# operations deep, and any correct ordering of them (var * N / (N - 1) or ddof=1, a fused scale and
# shift in eval, in-place or rebinding updates) agrees to ~1e-15, while each mistake below moves a
# value by 1e-6 relative at the very least (eps outside the root at eps = 1e-5) and mostly by far more.

MISTAKE_RUNNING_BIASED = ("the running variance is fed the biased batch variance — it tracks the unbiased one "
                          "(x.var(axis=0, ddof=1), divide by N - 1); only the normalisation uses the biased one")
MISTAKE_NORM_UNBIASED = ("the batch is normalised with the unbiased variance (ddof=1) — normalise with the biased one, "
                         "x.var(axis=0); the unbiased one is only for the running variance")
MISTAKE_SWAPPED = ("the momentum convention is swapped (new = momentum * old + (1 - momentum) * batch, Keras's) — here "
                   "momentum weighs the NEW batch value: new = (1 - momentum) * old + momentum * batch")
MISTAKE_NOT_UPDATED = "the running statistics are not updated in training — every training forward moves them towards the batch's"
MISTAKE_MOMENTUM_IGNORED = "the momentum argument is ignored — use the momentum passed to the constructor, not 0.1"
MISTAKE_EPS_IGNORED = "the eps argument is ignored — use the eps passed to the constructor, not 1e-5"
MISTAKE_EPS_OUTSIDE = "eps is added outside the square root — divide by np.sqrt(var + eps), not np.sqrt(var) + eps"
MISTAKE_EVAL_NO_EPS = "eval mode leaves eps out — normalise with np.sqrt(running_var + eps), as in training"
MISTAKE_CUMULATIVE = ("the running statistics are a plain average of every batch so far (weight 1 / step) — the new batch "
                      "gets weight momentum at every step")
MISTAKE_EVAL_BATCH = "eval mode uses the batch's statistics — in eval, normalise with running_mean and running_var"
MISTAKE_EVAL_UPDATES = ("eval mode updated the running statistics — only a training forward (train=True) updates them; "
                        "eval reads them and changes nothing")
MISTAKE_AFFINE_IGNORED = ("gamma and beta are not applied (or were copied at construction) — read self.gamma and self.beta "
                          "at every call: out = gamma * x_hat + beta")


def batches(run):
    spec = RUNS[run]
    rng = seeded(len(run) + spec["D"])
    D = spec["D"]
    centre, scale = rng.uniform(-2.0, 2.0, size=D), rng.uniform(0.6, 1.6, size=D) * spec["spread"]
    train = [centre + 0.5 * k + scale * rng.normal(size=(n, D)) for k, n in enumerate(spec["train"])]
    evals = [centre + scale * rng.normal(size=(n, D)) for n in spec["eval"]]
    affine = (rng.uniform(0.5, 2.0, size=D), rng.normal(size=D)) if spec["affine"] else None
    return train, evals, affine


INPUTS = {run: batches(run) for run in RUNS}


# ---- the layer, written here: the value to expect, and what each mistake gives instead ----

def simulate(run, *, running_biased=False, norm_unbiased=False, swapped=False, not_updated=False, eps_outside=False,
             eval_batch=False, eval_updates=False, momentum=None, eps=None, affine=True, eval_no_eps=False,
             cumulative=False) -> dict:
    spec = RUNS[run]
    train, evals, given = INPUTS[run]
    D = spec["D"]
    mom = momentum if momentum is not None else (spec["momentum"] if spec["momentum"] is not None else DEFAULTS["momentum"])
    e = eps if eps is not None else (spec["eps"] if spec["eps"] is not None else DEFAULTS["eps"])
    gamma, beta = given if (given is not None and affine) else (np.ones(D), np.zeros(D))
    r_mean, r_var = np.zeros(D), np.ones(D)

    def norm(x, mu, var, e=e):
        return gamma * (x - mu) / (np.sqrt(var) + e if eps_outside else np.sqrt(var + e)) + beta

    def moved(x, r_mean, r_var, step=None):
        mom_now = 1.0 / step if step is not None else mom
        n = len(x)
        mu = np.sum(x, axis=0) / n
        sq = np.sum((x - mu) ** 2, axis=0)
        tracked = sq / n if running_biased else sq / (n - 1)
        keep, take = (mom_now, 1 - mom_now) if swapped else (1 - mom_now, mom_now)
        return keep * r_mean + take * mu, keep * r_var + take * tracked

    out = {"train_out": [], "running_mean": [], "running_var": [], "eval_out": []}
    for step, x in enumerate(train, start=1):
        n = len(x)
        mu = np.sum(x, axis=0) / n
        sq = np.sum((x - mu) ** 2, axis=0)
        out["train_out"].append(norm(x, mu, sq / (n - 1) if norm_unbiased else sq / n))
        if not not_updated:
            r_mean, r_var = moved(x, r_mean, r_var, step if cumulative else None)
        out["running_mean"].append(r_mean)
        out["running_var"].append(r_var)
    for x in evals:
        if eval_batch:
            mu = np.sum(x, axis=0) / len(x)
            out["eval_out"].append(norm(x, mu, np.sum((x - mu) ** 2, axis=0) / len(x)))
            continue
        if eval_updates and len(x) > 1:  # the running statistics moved by this batch first, then used
            r_mean, r_var = moved(x, r_mean, r_var)
        out["eval_out"].append(norm(x, r_mean, r_var, 0.0) if eval_no_eps else norm(x, r_mean, r_var))
    return out


def alternatives(run, what: str, i: int, mistakes: dict) -> dict:
    return {name: simulate(run, **flags)[what][i] for name, flags in mistakes.items()}


def _custom(run) -> bool:
    return RUNS[run]["momentum"] is not None


# ---- the probe: it runs in the learner's process and returns plain data ----

def _copy(value):
    return value.copy() if isinstance(value, np.ndarray) else value


def snapshot(bn) -> dict:
    return {name: _copy(getattr(bn, name, "<not set>")) for name in ATTRIBUTES}


def every_run(m):
    results = {"init": {f"D{D}": snapshot(m.BatchNorm1d(D)) for D in (3, 1)}}
    for run, spec in RUNS.items():
        train, evals, affine = INPUTS[run]
        D = spec["D"]
        if spec["momentum"] is None:
            bn = m.BatchNorm1d(D)
        else:
            bn = m.BatchNorm1d(D, momentum=spec["momentum"], eps=spec["eps"])
        if affine is not None:
            bn.gamma, bn.beta = affine[0].copy(), affine[1].copy()
        got = {"train_out": [], "after_train": [], "eval_out": [], "after_eval": []}
        for x in train:
            got["train_out"].append(bn.forward(x) if spec["momentum"] is None else bn.forward(x, train=True))
            got["after_train"].append(snapshot(bn))
        for x in evals:
            got["eval_out"].append(bn.forward(x, train=False))
            got["after_eval"].append(snapshot(bn))
        got["x_after"] = {"train": train, "eval": evals}
        results[run] = got
    return results


def learner_run(learner) -> dict:
    return learner.run_once(every_run)


def attribute(snap: dict, name: str, when: str):
    value = snap[name]
    if isinstance(value, str) and value == "<not set>":
        raise CheckFailed(f"the layer has no attribute `{name}` {when}", (f"set self.{name} in __init__",))
    return value


def _step_id(v) -> str:
    return f"{v[0]}_step{v[1] + 1}"


def _eval_id(v) -> str:
    return f"{v[0]}_eval{v[1] + 1}"


def _call(run) -> str:
    spec = RUNS[run]
    if spec["momentum"] is None:
        return f"BatchNorm1d({spec['D']})"
    return f"BatchNorm1d({spec['D']}, momentum={spec['momentum']:g}, eps={spec['eps']:g})"


# ---- initialisation ----

@pytest.mark.parametrize("D", (3, 1), ids=lambda d: f"D{d}")
def test_the_attributes_start_as_ones_and_zeros(learner, D):
    snap = learner_run(learner)["init"][f"D{D}"]
    for name, want in (("gamma", np.ones(D)), ("beta", np.zeros(D)), ("running_mean", np.zeros(D)), ("running_var", np.ones(D))):
        got = attribute(snap, name, "after __init__")
        expect_true(isinstance(got, np.ndarray), f"BatchNorm1d({D}).{name} should be a numpy array, got {describe_type(got)}")
        expect_array(got, want, name=f"BatchNorm1d({D}).{name}")


# ---- training ----

@pytest.mark.parametrize("step", STEPS, ids=_step_id)
def test_training_output_uses_the_batch_statistics(learner, step):
    run, i = step
    x = INPUTS[run][0][i]
    mistakes = {MISTAKE_NORM_UNBIASED: {"norm_unbiased": True}, MISTAKE_EPS_OUTSIDE: {"eps_outside": True}}
    if _custom(run):
        mistakes |= {MISTAKE_EPS_IGNORED: {"eps": DEFAULTS["eps"]}, MISTAKE_AFFINE_IGNORED: {"affine": False}}
    got = learner_run(learner)[run]["train_out"][i]
    call = f"{_call(run)}.forward(x, train=True)" if _custom(run) else f"{_call(run)}.forward(x)"
    expect_array(got, simulate(run)["train_out"][i], name=f"training step {i + 1}: {call}", inputs={"x": x},
                 alternatives=alternatives(run, "train_out", i, mistakes))


def _running_mistakes(run) -> dict:
    mistakes = {MISTAKE_NOT_UPDATED: {"not_updated": True}, MISTAKE_SWAPPED: {"swapped": True},
                MISTAKE_RUNNING_BIASED: {"running_biased": True}, MISTAKE_CUMULATIVE: {"cumulative": True}}
    if _custom(run):
        mistakes[MISTAKE_MOMENTUM_IGNORED] = {"momentum": DEFAULTS["momentum"]}
    return mistakes


@pytest.mark.parametrize("step", STEPS, ids=_step_id)
def test_running_mean_after_each_training_step(learner, step):
    run, i = step
    got = attribute(learner_run(learner)[run]["after_train"][i], "running_mean", f"after training step {i + 1}")
    expect_array(got, simulate(run)["running_mean"][i], name=f"running_mean after training step {i + 1} of {_call(run)}",
                 inputs={"x": INPUTS[run][0][i]}, alternatives=alternatives(run, "running_mean", i, _running_mistakes(run)))


@pytest.mark.parametrize("step", STEPS, ids=_step_id)
def test_running_var_after_each_training_step(learner, step):
    run, i = step
    got = attribute(learner_run(learner)[run]["after_train"][i], "running_var", f"after training step {i + 1}")
    expect_array(got, simulate(run)["running_var"][i], name=f"running_var after training step {i + 1} of {_call(run)}",
                 inputs={"x": INPUTS[run][0][i]}, alternatives=alternatives(run, "running_var", i, _running_mistakes(run)))


def test_training_leaves_gamma_and_beta_alone(learner):
    for run in RUNS:
        D = RUNS[run]["D"]
        given = INPUTS[run][2] or (np.ones(D), np.zeros(D))
        for i, snap in enumerate(learner_run(learner)[run]["after_train"]):
            for name, want in zip(("gamma", "beta"), given, strict=True):
                got = attribute(snap, name, f"after training step {i + 1}")
                expect_true(isinstance(got, np.ndarray) and got.shape == want.shape and bool(np.array_equal(got, want)),
                            f"{name} changed during training step {i + 1} of {_call(run)}",
                            "forward only reads gamma and beta; an optimizer changes them, from their gradients")


# ---- eval ----

def test_eval_changes_no_attribute(learner):
    for run in RUNS:
        got = learner_run(learner)[run]
        before = got["after_train"][-1]
        for i, snap in enumerate(got["after_eval"]):
            for name in ATTRIBUTES:
                was, now = attribute(before, name, "after training"), attribute(snap, name, "after eval")
                hint = ("likely mistake: " + MISTAKE_EVAL_UPDATES,) if name.startswith("running") else ()
                expect_true(isinstance(now, np.ndarray) and np.shape(now) == np.shape(was) and bool(np.array_equal(now, was)),
                            f"{name} changed during eval call {i + 1} (forward(x, train=False)) of {_call(run)}", *hint)


@pytest.mark.parametrize("case", EVALS, ids=_eval_id)
def test_eval_output_uses_the_running_statistics(learner, case):
    run, i = case
    x = INPUTS[run][1][i]
    mistakes = {MISTAKE_EVAL_BATCH: {"eval_batch": True}, MISTAKE_EVAL_UPDATES: {"eval_updates": True},
                MISTAKE_EPS_OUTSIDE: {"eps_outside": True}, MISTAKE_EVAL_NO_EPS: {"eval_no_eps": True}}
    if _custom(run):
        mistakes |= {MISTAKE_EPS_IGNORED: {"eps": DEFAULTS["eps"]}, MISTAKE_AFFINE_IGNORED: {"affine": False}}
    got = learner_run(learner)[run]["eval_out"][i]
    n_train = len(RUNS[run]["train"])
    expect_array(got, simulate(run)["eval_out"][i], name=f"{_call(run)}.forward(x, train=False) after {n_train} training steps",
                 inputs={"x": x}, alternatives=alternatives(run, "eval_out", i, mistakes))


# ---- inputs ----

def test_forward_leaves_x_unchanged(learner):
    for run in RUNS:
        train, evals, _ = INPUTS[run]
        after = learner_run(learner)[run]["x_after"]
        for before, now in zip(train + evals, after["train"] + after["eval"], strict=True):
            expect_unchanged(before, now, name="x")
