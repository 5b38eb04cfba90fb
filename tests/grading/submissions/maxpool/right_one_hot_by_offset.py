# expect: pass
# Vectorised: a one-hot of each window's first maximum, then one strided slice of dx per offset
# (p, q) inside the window. Within one slice every position is distinct, so += adds each once.
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def maxpool_forward(x, pool=2, stride=2):
    win = sliding_window_view(x, (pool, pool), axis=(2, 3))[:, :, ::stride, ::stride]
    flat = win.reshape(*win.shape[:4], -1)
    k = flat.argmax(axis=-1)
    one_hot = (np.arange(pool * pool) == k[..., None]).astype(np.float64)
    return flat.max(axis=-1), (x.shape, stride, one_hot.reshape(win.shape))


def maxpool_backward(d_out, cache):
    shape, stride, one_hot = cache
    pool = one_hot.shape[-1]
    ho, wo = d_out.shape[2:]
    dx = np.zeros(shape)
    for p in range(pool):
        for q in range(pool):
            dx[:, :, p:p + stride * (ho - 1) + 1:stride, q:q + stride * (wo - 1) + 1:stride] += one_hot[..., p, q] * d_out
    return dx
