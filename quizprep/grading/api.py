"""The public API for writing an exercise's checks.

A checks module is a pytest file `check_<id>.py`. Each test takes the `learner` and `reference`
fixtures, runs the same probe on both, and compares with the helpers below:

    def call(m, x):
        return m.relu_grad(x), x            # the result, and x after the call

    def test_matches_reference(learner, reference):
        x = seeded(0).normal(size=(4, 3))
        got, x_after = learner.run(call, x)  # runs in a fresh sandboxed process
        want, _ = reference.run(call, x)     # runs the reference solution here
        expect_array(got, want, name="relu_grad(x)", inputs={"x": x})
        expect_unchanged(x, x_after)

Probes are plain functions `fn(module, *args)`; arguments reach the learner's process as they are,
only the return value (arrays, numbers, strings, lists, tuples, dicts) comes back.

When several checks read one run (one forward/backward pass, one large draw), run it once per grade:

    got = learner.run_once(forward_backward, x, W, key=case)    # the value; call_once gives the CallResult
    want = reference.run_once(forward_backward, x, W, key=case)

Runs are memoised per grade by (fn.__qualname__, key), so give each set of arguments its own key. A
learner failure is kept and raised again in every check that reads the run; a timeout is not kept.
When the checks of one run must still fail one by one, wrap each piece in `guarded` and read it with `part`:

    def every_case(m):                                         # one sandboxed call for every case
        return {case: guarded(m, forward, *inputs(case)) for case in CASES}

    got = learner.part(every_case, case).value                 # raises what forward(...) alone would have raised

Where a classic mistake keeps state in a class or the module (an optimizer's velocities in a class
attribute), give each part a freshly loaded module, as its own process would have: pass the graded
text to the probe and use `guarded_afresh(m, source, forward, ...)`, reading it with
`learner.part(every_case, case, learner.source)`.

What else is here: expect_array / expect_scalar / expect_gradient compare values and name likely
mistakes, judging and printing one relative error, relative_errors (CS231n's |a - b| / max(1e-8,
|a| + |b|)), with the pass rule within_tolerance; LOG_EPS_MAX, the largest eps a loss may take its
log with; expect_unchanged (inputs left alone), expect_float64_precision (dtype named before values),
expect_no_warnings (overflow and 0/0 in a CallResult), expect_true (any other condition); for
optimizers, record_steps (or step_in_turn, for two at once) inside a probe and expect_updated_in_place on what it
recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

from .diagnosis import (
    ATOL,
    RTOL,
    CheckFailed,
    describe_type,
    distinct_digits,
    expect_array,
    expect_float64_precision,
    expect_scalar,
    expect_true,
    expect_unchanged,
    likely_mistake,
    relative_errors,
    rounded_to,
    within_tolerance,
)
from .gradcheck import GRADCHECK_H, GRADCHECK_THRESHOLD, expect_gradient, numerical_gradient, rel_error
from .probes import Learner, NotRun, Reference, guarded, guarded_afresh
from .sandbox import CallResult, LearnerFailure, NotImplementedYet

# The largest eps inside a log that a loss may use, added (np.log(p + eps)) or as a floor
# (np.log(np.clip(p, eps, 1))): 1e-7 is Deep Learning from Scratch's, 1e-8 and 1e-12 are common too.
# It moves -log(p) by at most eps / p, so a loss check derives its tolerance from it and from the
# smallest probability its inputs give the true class (see cross_entropy and two_layer_net).
LOG_EPS_MAX = 1e-7


def seeded(seed: int) -> np.random.Generator:
    """A reproducible random generator for a check's inputs."""
    return np.random.default_rng(seed)


def shape_id(shape: tuple[int, ...]) -> str:
    """A readable pytest id for a shape: (4, 3) -> '4x3'."""
    return "x".join(map(str, shape)) or "scalar"


def expect_no_warnings(result: CallResult, *, name: str = "your function", extra: tuple[str, ...] = ()) -> None:
    """Fail if the learner's call raised warnings (overflow, invalid value, divide by zero).

    Underflow never counts: exp(-1000) rounding to 0 is a stable formula's right answer, even when the
    learner's own numpy settings make it warn.
    """
    warned = [w for w in result.warnings if "underflow" not in w]
    if warned:
        raise CheckFailed(f"{name} raised a warning: {warned[0]}",
                          ("a warning here means an overflow or a division by zero on the way — use a stable formula",) + tuple(extra))


def record_steps(step: Callable, params: list, grads_seq: Iterable) -> dict:
    """Inside a probe: call step(params, grads) for each grads in grads_seq, watching the caller's arrays.

    A model keeps its own references to its weight arrays, so an update must change those arrays, not
    put new ones in the list. Returns what such a caller sees, for expect_updated_in_place:
    "history", a copy of each of the originally held arrays after every call, and "same", whether each
    position of `params` still holds the original object afterwards.
    """
    held = list(params)  # a model's own references to its weight arrays
    history = []
    for grads in grads_seq:
        step(params, grads)
        history.append([np.array(p, copy=True) for p in held])
    return {"history": history, "same": [a is b for a, b in zip(held, params, strict=False)]}


def step_in_turn(opt_a, opt_b, params_a: list, params_b: list, grads_seq: Iterable) -> tuple[list, list]:
    """Inside a probe: two optimizers on two models, stepped in turn with each (grads_a, grads_b) of grads_seq.

    Returns the arrays each model held, after the last step: state the two instances share (a class
    attribute) shows in them, while each optimizer alone is right.
    """
    held_a, held_b = list(params_a), list(params_b)
    for grads_a, grads_b in grads_seq:
        opt_a.step(params_a, grads_a)
        opt_b.step(params_b, grads_b)
    return held_a, held_b


def expect_updated_in_place(recorded: dict, initial: list, *, delta: str, fix: str) -> None:
    """Fail, naming the cause, if an array the caller holds never changed over the steps `record_steps` recorded.

    The cause is either a new array put in params[i] (the hint suggests `fix`, the in-place statement)
    or `p = p - <delta>` rebinding a loop variable (the hint suggests `p -= <delta>`).
    """
    for i, p0 in enumerate(initial):
        if all(np.array_equal(h[i], p0) for h in recorded["history"]):
            if not recorded["same"][i]:
                raise CheckFailed(f"params[{i}] was replaced by a new array, so the array the model holds never changed",
                                  ("a model keeps its own reference to each weight array: `params[i] = params[i] - ...` "
                                   "does not train it", f"update the array itself: {fix}"))
            raise CheckFailed(f"params[{i}] did not change after {len(recorded['history'])} calls to step()",
                              (f"`p = p - {delta}` inside a loop only gives the loop variable a new array — "
                               f"write p -= {delta} to change the array in place",))


__all__ = [
    "ATOL", "GRADCHECK_H", "GRADCHECK_THRESHOLD", "LOG_EPS_MAX", "RTOL", "CallResult", "CheckFailed", "Learner", "LearnerFailure",
    "NotImplementedYet", "NotRun", "Reference", "describe_type", "distinct_digits", "expect_array", "expect_float64_precision",
    "expect_gradient", "expect_no_warnings", "expect_scalar", "expect_true", "expect_unchanged", "expect_updated_in_place",
    "guarded", "guarded_afresh", "likely_mistake", "numerical_gradient", "record_steps", "rel_error", "relative_errors", "rounded_to",
    "seeded", "shape_id", "step_in_turn", "within_tolerance",
]
