"""ReLU's gradient.

ReLU passes positive inputs through and zeroes the rest: relu(x) = max(0, x). In the backward pass
a layer multiplies the upstream gradient by ReLU's local derivative, element by element:

    d relu / dx = 1   where x > 0
                = 0   where x < 0

At exactly x == 0 ReLU has a kink; the usual convention (and the one graded here) is 0.

Implement `relu_grad(x)`:
- x: a numpy array of any shape (float64)
- returns: an array of the same shape, dtype float64, 1.0 where x > 0 and 0.0 elsewhere
- x itself must be left unchanged.

The trap: `x > 0` gives a boolean array. Backprop multiplies it with float gradients, so return
floats, and do not build the answer by writing into x.
"""

import numpy as np


def relu(x):
    """Forward pass, given: max(0, x) element-wise."""
    return np.maximum(0, x)


def relu_grad(x):
    """1.0 where x > 0, else 0.0; same shape as x, float64."""
    raise NotImplementedError
