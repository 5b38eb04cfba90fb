"""Leaky ReLU's gradient.

Plain ReLU sends no gradient at all through a negative input, so a unit whose inputs are all
negative stops learning for good (a "dead" ReLU). Leaky ReLU keeps a small slope alpha on the
negative side instead:

    leaky_relu(x) = x           where x > 0
                  = alpha * x   where x <= 0

with alpha a small positive number, 0.01 by default (PyTorch's LeakyReLU uses the same default).

Implement `leaky_relu_grad(x, alpha=0.01)`, the local derivative d leaky_relu / dx, element-wise:
- x: a float64 numpy array of any shape, 0-d included (the pre-activation, not the output)
- alpha: a float, the negative-side slope; callers pass other values than 0.01
- returns: a new float64 array of x's shape
- x itself must be left unchanged.

At exactly x == 0 the function has a kink; the convention graded here is the left side's slope.
A derivative is a slope, not a value of the function: the answer does not depend on how far x is
from 0, only on which side of 0 it lies.
"""

import numpy as np


def leaky_relu(x, alpha=0.01):
    """Forward pass, given: x where x > 0, alpha * x elsewhere."""
    return np.where(x > 0, x, alpha * x)


def leaky_relu_grad(x, alpha=0.01):
    """d leaky_relu / dx element-wise; same shape as x, float64."""
    raise NotImplementedError


if __name__ == "__main__":
    for shape in [(), (5,), (2, 3)]:
        x = np.random.default_rng(0).normal(size=shape)
        g = leaky_relu_grad(x, alpha=0.1)
        print(shape, "->", np.shape(g), np.asarray(g).dtype)
