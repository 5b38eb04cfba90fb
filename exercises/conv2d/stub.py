"""A 2-D convolution layer (as in a CNN): forward and backward.

Shapes and names:
    x:    (N, C, H, W)      N images with C channels
    w:    (F, C, HH, WW)    F filters, each spanning all C channels and an HH x WW window
    b:    (F,)              one bias per filter
    out:  (N, F, H', W')    H' = (H + 2 * pad - HH) / stride + 1,  W' = (W + 2 * pad - WW) / stride + 1

Forward. First x is zero-padded with `pad` rows at the top AND at the bottom and `pad` columns on the
left AND on the right, giving x_pad of shape (N, C, H + 2 * pad, W + 2 * pad). Then, for every image n,
filter f and output position (i, j):

    out[n, f, i, j] = b[f] + sum over c, p, q of  w[f, c, p, q] * x_pad[n, c, i * stride + p, j * stride + q]

with 0 <= p < HH and 0 <= q < WW. This is a cross-correlation, as PyTorch's conv2d computes it: w is
used as given, not flipped. The inputs you get always fit: (H + 2 * pad - HH) and (W + 2 * pad - WW)
are multiples of stride. H and W need not be equal, nor HH and WW.

Backward: given d_out = dL/d(out), shape (N, F, H', W'), return the gradients of L with respect to the
layer's inputs, each shaped like what it differentiates:
    dx (N, C, H, W)  — the shape of x itself, not of the padded x: the padding is not an input
    dw (F, C, HH, WW)
    db (F,)

Implement:
- `conv2d_forward(x, w, b, stride=1, pad=0)` -> (out, cache): cache is anything backward needs.
- `conv2d_backward(d_out, cache)` -> (dx, dw, db).
Return float64 arrays and leave x, w, b and d_out unchanged. Loops are fine: the checks use small shapes.
"""

import numpy as np


def conv2d_forward(x, w, b, stride=1, pad=0):
    """x: (N, C, H, W), w: (F, C, HH, WW), b: (F,) -> (out (N, F, H', W'), cache)."""
    raise NotImplementedError


def conv2d_backward(d_out, cache):
    """d_out: (N, F, H', W') -> (dx (N, C, H, W), dw (F, C, HH, WW), db (F,))."""
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    x, w, b = rng.normal(size=(2, 3, 7, 5)), rng.normal(size=(4, 3, 3, 1)), rng.normal(size=4)
    out, cache = conv2d_forward(x, w, b, stride=2, pad=2)
    dx, dw, db = conv2d_backward(np.ones_like(out), cache)
    print("out", out.shape, "dx", dx.shape, "dw", dw.shape, "db", db.shape)  # (2, 4, 5, 5) (2, 3, 7, 5) (4, 3, 3, 1) (4,)
