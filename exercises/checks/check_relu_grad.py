"""Checks for relu_grad: 1.0 where x > 0, 0.0 elsewhere (including at 0), float64, x unchanged."""

import numpy as np
import pytest

from quizprep.grading.api import expect_array, expect_gradient, expect_unchanged, numerical_gradient, seeded, shape_id

SHAPES = [(1,), (7,), (1, 5), (4, 3), (2, 3, 4)]


def call(m, x):
    return m.relu_grad(x), x


@pytest.mark.parametrize("shape", SHAPES, ids=shape_id)
def test_matches_reference(learner, reference, shape):
    x = seeded(sum(shape)).normal(size=shape)
    got, _ = learner.run(call, x)
    want, _ = reference.run(call, x)
    expect_array(got, want, name="relu_grad(x)", inputs={"x": x})


def test_zero_and_signs(learner):
    x = np.array([-2.0, -1e-12, 0.0, 1e-12, 3.0])
    got, _ = learner.run(call, x)
    expect_array(got, np.array([0.0, 0.0, 0.0, 1.0, 1.0]), name="relu_grad([-2, -1e-12, 0, 1e-12, 3])", inputs={"x": x},
                 alternatives={"the gradient at x == 0 should be 0 (use x > 0, not x >= 0)": np.array([0.0, 0.0, 1.0, 1.0, 1.0])})


def test_returns_float64_array_of_same_shape(learner):
    x = seeded(1).normal(size=(3, 2))
    got, _ = learner.run(call, x)
    expect_array(got, (x > 0).astype(np.float64), name="relu_grad(x)", dtype_kind="f")
    if got.dtype != np.float64:
        from quizprep.grading.api import CheckFailed

        raise CheckFailed(f"relu_grad(x) has dtype {got.dtype}, expected float64", ("use .astype(np.float64)",))


def test_input_not_modified(learner):
    x = seeded(2).normal(size=(4, 5))
    _, x_after = learner.run(call, x)
    expect_unchanged(x, x_after, name="x")


def test_matches_finite_differences(learner):
    # relu is smooth away from 0; keep every input at least 0.1 from the kink so h = 1e-5 never crosses it
    rng = seeded(3)
    x = rng.uniform(0.1, 2.0, size=(3, 4)) * rng.choice([-1.0, 1.0], size=(3, 4))
    got, _ = learner.run(call, x)
    numeric = numerical_gradient(lambda v: float(np.maximum(v, 0).sum()), x.copy())
    expect_gradient(got, numeric, name="relu_grad(x)")
