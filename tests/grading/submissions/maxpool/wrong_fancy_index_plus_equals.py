# expect: fail
# diagnosis: likely mistake: overlapping windows overwrite each other's gradient
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def maxpool_forward(x, pool=2, stride=2):
    win = sliding_window_view(x, (pool, pool), axis=(2, 3))[:, :, ::stride, ::stride]
    flat = win.reshape(win.shape[:4] + (pool * pool,))
    idx = flat.argmax(axis=-1)
    return flat.max(axis=-1), (x.shape, idx, pool, stride)


def maxpool_backward(d_out, cache):
    shape, idx, pool, stride = cache
    N, C, Ho, Wo = d_out.shape
    p, q = np.divmod(idx, pool)
    rows = np.arange(Ho)[:, None] * stride + p
    cols = np.arange(Wo)[None, :] * stride + q
    n = np.broadcast_to(np.arange(N)[:, None, None, None], idx.shape)
    c = np.broadcast_to(np.arange(C)[None, :, None, None], idx.shape)
    dx = np.zeros(shape)
    dx[n, c, rows, cols] += d_out  # fancy-index += keeps one write per repeated index
    return dx
