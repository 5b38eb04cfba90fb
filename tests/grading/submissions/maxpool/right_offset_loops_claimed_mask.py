# expect: pass
# Loops over the pool x pool offsets only: the max as a running np.maximum, the backward giving each
# window's gradient to the first offset (row-major) equal to the max, tracked by a claimed mask.
import numpy as np


def _offset(x, p, q, Ho, Wo, stride):
    return x[:, :, p:p + stride * (Ho - 1) + 1:stride, q:q + stride * (Wo - 1) + 1:stride]


def maxpool_forward(x, pool=2, stride=2):
    N, C, H, W = x.shape
    Ho, Wo = (H - pool) // stride + 1, (W - pool) // stride + 1
    out = np.full((N, C, Ho, Wo), -np.inf)
    for p in range(pool):
        for q in range(pool):
            out = np.maximum(out, _offset(x, p, q, Ho, Wo, stride))
    cache = {"x": x, "out": out, "pool": pool, "stride": stride}
    return out, cache


def maxpool_backward(d_out, cache):
    x, out, pool, stride = cache["x"], cache["out"], cache["pool"], cache["stride"]
    Ho, Wo = out.shape[2:]
    dx = np.zeros(x.shape)
    claimed = np.zeros(out.shape, dtype=bool)
    for p in range(pool):  # row-major over the window: the first equal entry claims the gradient
        for q in range(pool):
            hit = (_offset(x, p, q, Ho, Wo, stride) == out) & ~claimed
            claimed |= hit
            dx[:, :, p:p + stride * (Ho - 1) + 1:stride, q:q + stride * (Wo - 1) + 1:stride] += np.where(hit, d_out, 0.0)
    return dx
