"""tanh's gradient.

tanh squashes any real number into (-1, 1) and, unlike the sigmoid, is centred on zero:

    tanh(x) = (exp(x) - exp(-x)) / (exp(x) + exp(-x))

A backward pass through a tanh multiplies the upstream gradient by tanh's derivative at the
pre-activation x. Derive that derivative and compute it.

Implement `tanh_grad(x)`, the element-wise derivative d tanh / dx:
- x: a float64 numpy array of any shape, 0-d included; x is the pre-activation, not tanh(x)
- returns: a new float64 array of x's shape (a numpy scalar for a 0-d x counts) holding
  tanh'(x) at every entry
- x itself must be left unchanged.
- The result must be finite (a number, never NaN or inf) and non-negative for every |x| up to
  1000, where the true gradient is vanishingly small.
"""

import numpy as np


def tanh_grad(x):
    """d tanh / dx element-wise, same shape as x, float64; finite for any |x| <= 1000."""
    raise NotImplementedError


if __name__ == "__main__":
    x = np.array([[-1000.0, -1.0, 0.0], [0.5, 2.0, 1000.0]])
    g = tanh_grad(x)
    print("x:", x.shape, "tanh_grad(x):", np.shape(g), np.asarray(g).dtype)
    print(g)
