"""The sigmoid's gradient, without overflow.

The sigmoid squashes any real number into (0, 1):

    sigma(x) = 1 / (1 + exp(-x))

A backward pass through a sigmoid multiplies the upstream gradient by sigma's derivative at the
pre-activation x. Derive that derivative, d sigma / dx, and compute it element by element.

Implement `sigmoid_grad(x)`:
- x: a float64 numpy array of any shape, 0-d included; x is the pre-activation, not sigma(x)
- returns: a new float64 array of x's shape (a numpy scalar for a 0-d x counts) holding
  sigma'(x) at every entry
- x itself must be left unchanged.
- The result must be finite and non-negative, and computing it must raise no overflow,
  invalid-value or divide-by-zero warning, for every |x| up to 1000 (an exp that underflows to
  0.0 is fine). The largest float64 is about 1.8e308, so exp(710) is already out of range.
"""

import numpy as np


def sigmoid_grad(x):
    """d sigma / dx element-wise, same shape as x, float64; finite and warning-free for any |x| <= 1000."""
    raise NotImplementedError


if __name__ == "__main__":
    x = np.array([[-1000.0, -2.0, 0.0], [0.5, 2.0, 1000.0]])
    g = sigmoid_grad(x)
    print("x:", x.shape, "sigmoid_grad(x):", np.shape(g), np.asarray(g).dtype)
    print(g)
