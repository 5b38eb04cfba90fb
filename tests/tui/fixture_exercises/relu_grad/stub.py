"""ReLU's gradient.

ReLU keeps positive inputs and zeroes the rest, element by element (`relu` below is given):

    relu(x) = max(0, x)

In a backward pass every layer multiplies the gradient arriving from above by its own local
derivative. Write that local derivative for ReLU.

Implement `relu_grad(x)`, the element-wise derivative d relu / dx:
- x: a float64 numpy array of any shape, 0-d included (numpy may hand back a numpy scalar for a
  0-d x; that counts)
- returns: a new array of x's shape, dtype float64 (not bool, not int), the derivative of relu at
  every entry of x
- ReLU has a kink at x == 0 where the derivative is not defined: the gradient at exactly 0 is
  graded as 0.
- x itself must be left unchanged.
"""

import numpy as np


def relu(x):
    """Forward pass, given: max(0, x) element-wise."""
    return np.maximum(0, x)


def relu_grad(x):
    """d relu / dx element-wise: same shape as x, float64, 0 at x == 0."""
    raise NotImplementedError


if __name__ == "__main__":
    x = np.array([[-1.5, 0.0, 2.0], [0.25, -3.0, 1e-12]])
    g = relu_grad(x)
    print("x:", x.shape, "relu(x):", relu(x).shape, "relu_grad(x):", np.shape(g), np.asarray(g).dtype)
    print(g)
