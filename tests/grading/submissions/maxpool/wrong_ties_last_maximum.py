# expect: fail
# diagnosis: likely mistake: on ties the gradient goes to the last maximum
import numpy as np


def maxpool_forward(x, pool=2, stride=2):
    N, C, H, W = x.shape
    Ho, Wo = (H - pool) // stride + 1, (W - pool) // stride + 1
    out = np.zeros((N, C, Ho, Wo))
    pos = {}
    for n in range(N):
        for c in range(C):
            for i in range(Ho):
                for j in range(Wo):
                    best = -np.inf
                    for p in range(pool):
                        for q in range(pool):
                            v = x[n, c, i * stride + p, j * stride + q]
                            if v >= best:  # >= lets a later equal entry take over
                                best, pos[n, c, i, j] = v, (i * stride + p, j * stride + q)
                    out[n, c, i, j] = best
    return out, (x.shape, pos)


def maxpool_backward(d_out, cache):
    shape, pos = cache
    dx = np.zeros(shape)
    for (n, c, i, j), (r, s) in pos.items():
        dx[n, c, r, s] += d_out[n, c, i, j]
    return dx
