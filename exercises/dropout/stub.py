"""Inverted dropout: forward and backward.

During training, dropout zeroes each activation independently with probability p, so the network
cannot lean on any single unit. "Inverted" dropout also scales the survivors up at training
time, so that the expected value of every output equals its input and nothing has to change at
test time:

    mask = 0          with probability p      (dropped)
         = 1 / (1-p)  with probability 1 - p  (kept)
    out  = x * mask

In evaluation mode nothing is dropped and nothing is scaled: the mask is all ones and out is x.

Implement `dropout_forward(x, p, rng, train=True)` -> (out, mask):
- x: float64 array of any shape with at least one axis
- p: the drop probability, a float in [0, 1); with p = 0 nothing is dropped
- rng: a `np.random.Generator` (np.random.default_rng(seed)); draw the mask from it and from
  nothing else, so that the same seed always gives the same mask. np.random's global functions
  (np.random.rand, np.random.seed) must not be used.
- train: False means evaluation mode
- returns: out and mask, both float64 arrays of x's shape (the mask too: float64, not bool); in
  evaluation mode out may be x itself or a copy of it

Implement `dropout_backward(d_out, mask)` -> dx:
- d_out: dL/dout, x's shape; mask: the mask dropout_forward returned for that pass
- returns: dL/dx, a new float64 array of x's shape.

Neither function may change its inputs. Any correct way of drawing from rng is accepted; the
grader checks what the mask is (its values, how often each appears, its dependence on rng only),
not which random numbers it came from.
"""

import numpy as np


def dropout_forward(x, p, rng, train=True):
    """Inverted dropout with drop probability p; returns (out, mask), both float64 of x's shape."""
    raise NotImplementedError


def dropout_backward(d_out, mask):
    """dL/dx given dL/dout and the mask of the forward pass; x's shape."""
    raise NotImplementedError


if __name__ == "__main__":
    x = np.arange(12.0).reshape(3, 4)
    out, mask = dropout_forward(x, 0.5, np.random.default_rng(0))
    print("out", out.shape, out.dtype, "mask", mask.shape, mask.dtype, "values", np.unique(mask))
    print("dx", dropout_backward(np.ones_like(x), mask).shape)
    print("eval", dropout_forward(x, 0.5, np.random.default_rng(0), train=False)[1])
