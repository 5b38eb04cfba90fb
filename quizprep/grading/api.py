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
"""

from __future__ import annotations

import numpy as np

from .diagnosis import ATOL, RTOL, CheckFailed, describe_type, expect_array, expect_scalar, expect_true, expect_unchanged, likely_mistake
from .gradcheck import GRADCHECK_H, GRADCHECK_THRESHOLD, expect_gradient, numerical_gradient, rel_error
from .runners import Learner, NotRun, Reference
from .sandbox import CallResult, LearnerFailure, NotImplementedYet


def seeded(seed: int) -> np.random.Generator:
    """A reproducible random generator for a check's inputs."""
    return np.random.default_rng(seed)


def shape_id(shape: tuple[int, ...]) -> str:
    """A readable pytest id for a shape: (4, 3) -> '4x3'."""
    return "x".join(map(str, shape)) or "scalar"


def expect_no_warnings(result: CallResult, *, name: str = "your function", extra: tuple[str, ...] = ()) -> None:
    """Fail if the learner's call raised warnings (overflow, invalid value, divide by zero; underflow is fine)."""
    if result.warnings:
        raise CheckFailed(f"{name} raised a warning: {result.warnings[0]}",
                          ("a warning here means an overflow or a division by zero on the way — use a stable formula",) + tuple(extra))


__all__ = [
    "ATOL", "GRADCHECK_H", "GRADCHECK_THRESHOLD", "RTOL", "CallResult", "CheckFailed", "Learner", "LearnerFailure",
    "NotImplementedYet", "NotRun", "Reference", "describe_type", "expect_array", "expect_gradient", "expect_no_warnings",
    "expect_scalar", "expect_true", "expect_unchanged", "likely_mistake", "numerical_gradient", "rel_error", "seeded", "shape_id",
]
