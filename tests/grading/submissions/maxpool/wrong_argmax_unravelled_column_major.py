# expect: fail
# diagnosis: likely mistake: the gradient lands at the mirror position inside the window
import numpy as np


def maxpool_forward(x, pool=2, stride=2):
    N, C, H, W = x.shape
    Ho, Wo = (H - pool) // stride + 1, (W - pool) // stride + 1
    out = np.zeros((N, C, Ho, Wo))
    arg = np.zeros((N, C, Ho, Wo), dtype=np.int64)
    for i in range(Ho):
        for j in range(Wo):
            win = x[:, :, i * stride:i * stride + pool, j * stride:j * stride + pool].reshape(N, C, -1)
            arg[:, :, i, j] = win.argmax(axis=2)
            out[:, :, i, j] = win.max(axis=2)
    return out, (x.shape, pool, stride, arg)


def maxpool_backward(d_out, cache):
    shape, pool, stride, arg = cache
    dx = np.zeros(shape)
    N, C, Ho, Wo = d_out.shape
    for n in range(N):
        for c in range(C):
            for i in range(Ho):
                for j in range(Wo):
                    p, q = np.unravel_index(arg[n, c, i, j], (pool, pool), order="F")
                    dx[n, c, i * stride + p, j * stride + q] += d_out[n, c, i, j]
    return dx
