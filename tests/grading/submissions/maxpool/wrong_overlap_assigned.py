# expect: fail
# diagnosis: likely mistake: overlapping windows overwrite each other's gradient
# Fancy-index assignment: where two windows share their maximum, only one of them is kept.
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def maxpool_forward(x, pool=2, stride=2):
    win = sliding_window_view(x, (pool, pool), axis=(2, 3))[:, :, ::stride, ::stride]
    flat = win.reshape(*win.shape[:4], pool * pool)
    k = flat.argmax(axis=-1)
    return flat.max(axis=-1), (x.shape, pool, stride, k)


def maxpool_backward(d_out, cache):
    shape, pool, stride, k = cache
    N, C, Ho, Wo = d_out.shape
    n, c, i, j = np.indices((N, C, Ho, Wo))
    dx = np.zeros(shape)
    dx[n, c, i * stride + k // pool, j * stride + k % pool] = d_out
    return dx
