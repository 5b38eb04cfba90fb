"""Max pooling over 2-D feature maps: forward and backward.

A max-pooling layer slides a pool x pool window over each channel of each image, `stride` steps at
a time, with no padding, and keeps the largest value of every window:

    x:    (N, C, H, W)            float64
    out:  (N, C, H', W')          H' = (H - pool) / stride + 1,   W' = (W - pool) / stride + 1
    out[n, c, i, j] = max over 0 <= p, q < pool of x[n, c, i * stride + p, j * stride + q]

The inputs you get always fit: (H - pool) and (W - pool) are multiples of stride. Channels and
images are pooled independently; H and W need not be equal. The defaults pool=2, stride=2 halve
each side, but stride may be smaller than pool, and then neighbouring windows overlap.

Backward: given d_out = dL/d(out), shape (N, C, H', W'), return dx = dL/dx, shape (N, C, H, W).
Requirements that are part of the contract:
- A window whose maximum is shared by several equal entries (a constant window, say) is not
  differentiable there; this layer's convention is that the window's whole gradient goes to the
  first of those entries in row-major order (row by row, left to right: the one np.argmax picks on
  the flattened window), and none to the others.
- When windows overlap, one input can be the maximum of several of them: it must receive the
  gradient of every one of those windows.

Implement:
- `maxpool_forward(x, pool=2, stride=2)` -> (out, cache): cache is anything backward needs.
- `maxpool_backward(d_out, cache)` -> dx.
Return float64 arrays, and leave x and d_out unchanged.
"""

import numpy as np


def maxpool_forward(x, pool=2, stride=2):
    """x: (N, C, H, W) -> (out (N, C, H', W'), cache)."""
    raise NotImplementedError


def maxpool_backward(d_out, cache):
    """d_out: (N, C, H', W') -> dx (N, C, H, W)."""
    raise NotImplementedError


if __name__ == "__main__":
    x = np.random.default_rng(0).normal(size=(2, 3, 5, 7))
    out, cache = maxpool_forward(x, pool=3, stride=1)
    dx = maxpool_backward(np.ones_like(out), cache)
    print("x", x.shape, "-> out", out.shape, "-> dx", dx.shape)  # expect (2, 3, 3, 5) and (2, 3, 5, 7)
