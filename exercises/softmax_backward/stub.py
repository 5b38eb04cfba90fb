"""Backward through a softmax.

A softmax layer turns each row of logits z into probabilities, over the LAST axis:

    p = softmax(z),    p_j = exp(z_j) / sum_i exp(z_i)

In the backward pass the layer receives d_probs = dL/dp from whatever came after it (a loss, an
attention weighting, a mixture...) and must return dL/dz. Unlike an element-wise activation, every
p_j depends on every z_k of its row, so the local derivative of one row is a C x C Jacobian, and
dL/dz of a row is that Jacobian applied to the row of d_probs. Rows do not interact.

Implement `softmax_backward(probs, d_probs)`:
- probs: float64 array of shape (C,), (N, C) or (..., C): p = softmax(z), each row summing to 1
  (the forward pass's output, which is all the backward pass needs)
- d_probs: float64 array of the same shape, dL/dp
- returns: dL/dz, a new float64 array of the same shape
- neither input may be changed.

You need not build the (..., C, C) Jacobian: the product can be written with element-wise
operations and one reduction per row. Building it (with einsum or a loop over rows) is also
correct, just slower. Any number of leading axes must work, a single row of shape (C,) included.
"""

import numpy as np


def softmax(z):
    """Forward pass, given: a stable softmax over the last axis."""
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def softmax_backward(probs, d_probs):
    """dL/dz for p = softmax(z) over the last axis, given p and dL/dp; same shape."""
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    for shape in [(4,), (2, 4), (2, 3, 4)]:
        p = softmax(rng.normal(size=shape))
        dz = softmax_backward(p, rng.normal(size=shape))
        print(shape, "->", np.shape(dz), np.asarray(dz).dtype)
