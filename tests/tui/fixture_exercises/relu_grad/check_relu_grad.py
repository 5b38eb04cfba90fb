"""Checks for relu_grad: 1.0 where x > 0, 0.0 elsewhere (including at 0), float64, x unchanged.

The learner's function runs once, in one sandboxed process, on every input below; each check then
reads its own part of that run (`run_once`), so the grade costs one call, not one per check.
"""

import numpy as np
import pytest

from quizprep.grading.api import CheckFailed, expect_array, expect_gradient, expect_unchanged, numerical_gradient, seeded, shape_id

# x may have any shape, 0-d included: numpy then gives back a numpy scalar, which counts as the 0-d answer
SHAPES = [(), (1,), (7,), (1, 5), (4, 3), (2, 3, 4)]
# relu is smooth away from 0; every finite-difference input is at least 0.1 from the kink, so h = 1e-5 never crosses it
_rng = seeded(3)
FD_INPUT = _rng.uniform(0.1, 2.0, size=(3, 4)) * _rng.choice([-1.0, 1.0], size=(3, 4))
INPUTS = {shape_id(s): seeded(sum(s)).normal(size=s) for s in SHAPES} | {
    "zero": np.array([-2.0, -1e-12, 0.0, 1e-12, 3.0]),
    "finite differences": FD_INPUT,
}


def on_every_input(m):
    """relu_grad on each input: the result and the input as it was after the call."""
    out = {}
    for key, x in INPUTS.items():
        out[key] = (m.relu_grad(x), x)
    return out


@pytest.mark.parametrize("shape", SHAPES, ids=shape_id)
def test_matches_reference(learner, reference, shape):
    key = shape_id(shape)
    got, _ = learner.run_once(on_every_input)[key]
    want, _ = reference.run_once(on_every_input)[key]
    expect_array(got, want, name="relu_grad(x)", inputs={"x": INPUTS[key]})


def test_zero_and_signs(learner):
    got, _ = learner.run_once(on_every_input)["zero"]
    expect_array(got, np.array([0.0, 0.0, 0.0, 1.0, 1.0]), name="relu_grad([-2, -1e-12, 0, 1e-12, 3])", inputs={"x": INPUTS["zero"]},
                 alternatives={"the gradient at x == 0 should be 0 (use x > 0, not x >= 0)": np.array([0.0, 0.0, 1.0, 1.0, 1.0])})


def test_returns_float64_array_of_same_shape(learner):
    x = INPUTS["4x3"]
    got, _ = learner.run_once(on_every_input)["4x3"]
    expect_array(got, (x > 0).astype(np.float64), name="relu_grad(x)", dtype_kind="f")
    if got.dtype != np.float64:
        raise CheckFailed(f"relu_grad(x) has dtype {got.dtype}, expected float64", ("use .astype(np.float64)",))


def test_input_not_modified(learner):
    for key, (_, x_after) in learner.run_once(on_every_input).items():
        expect_unchanged(INPUTS[key], x_after, name="x")


def test_matches_finite_differences(learner):
    got, _ = learner.run_once(on_every_input)["finite differences"]
    numeric = numerical_gradient(lambda v: float(np.maximum(v, 0).sum()), FD_INPUT.copy())
    expect_gradient(got, numeric, name="relu_grad(x)")
