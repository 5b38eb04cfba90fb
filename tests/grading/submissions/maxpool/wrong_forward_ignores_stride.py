# expect: fail
# diagnosis: has shape (2, 3, 3, 5), expected (2, 3, 2, 3)
# diagnosis: likely mistake: the stride is ignored
import numpy as np


def maxpool_forward(x, pool=2, stride=2):
    N, C, H, W = x.shape
    out = np.zeros((N, C, H - pool + 1, W - pool + 1))
    for i in range(H - pool + 1):
        for j in range(W - pool + 1):
            out[:, :, i, j] = x[:, :, i:i + pool, j:j + pool].max(axis=(2, 3))
    return out, (x, pool)


def maxpool_backward(d_out, cache):
    x, pool = cache
    dx = np.zeros_like(x)
    for i in range(d_out.shape[2]):
        for j in range(d_out.shape[3]):
            win = x[:, :, i:i + pool, j:j + pool]
            first = win.reshape(*win.shape[:2], -1).argmax(axis=-1)
            for n in range(x.shape[0]):
                for c in range(x.shape[1]):
                    dx[n, c, i + first[n, c] // pool, j + first[n, c] % pool] += d_out[n, c, i, j]
    return dx
