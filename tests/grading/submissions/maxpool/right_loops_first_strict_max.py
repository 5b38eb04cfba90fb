# expect: pass
# Plain loops everywhere: each window is scanned row by row, and the best position only moves on a
# strictly larger value, so ties keep the first maximum.
import numpy as np


def maxpool_forward(x, pool=2, stride=2):
    N, C, H, W = x.shape
    Ho, Wo = (H - pool) // stride + 1, (W - pool) // stride + 1
    out = np.zeros((N, C, Ho, Wo))
    where = np.zeros((N, C, Ho, Wo, 2), dtype=int)
    for n in range(N):
        for c in range(C):
            for i in range(Ho):
                for j in range(Wo):
                    best_r, best_c = i * stride, j * stride
                    for p in range(pool):
                        for q in range(pool):
                            r, s = i * stride + p, j * stride + q
                            if x[n, c, r, s] > x[n, c, best_r, best_c]:
                                best_r, best_c = r, s
                    out[n, c, i, j] = x[n, c, best_r, best_c]
                    where[n, c, i, j] = best_r, best_c
    return out, (x.shape, where)


def maxpool_backward(d_out, cache):
    shape, where = cache
    dx = np.zeros(shape)
    N, C, Ho, Wo = d_out.shape
    for n in range(N):
        for c in range(C):
            for i in range(Ho):
                for j in range(Wo):
                    r, s = where[n, c, i, j]
                    dx[n, c, r, s] += d_out[n, c, i, j]
    return dx
