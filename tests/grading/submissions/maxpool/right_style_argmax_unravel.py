# expect: pass
# The loop over windows that most tutorials write: argmax of each window, turned into a (row, col)
# with np.unravel_index; the cache is a dict, and backward finds the maxima again from x.
import numpy as np


def maxpool_forward(x, pool=2, stride=2):
    n, c, h, w = x.shape
    out_h = 1 + (h - pool) // stride
    out_w = 1 + (w - pool) // stride
    out = np.empty((n, c, out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            window = x[:, :, i * stride:i * stride + pool, j * stride:j * stride + pool]
            out[:, :, i, j] = np.max(window, axis=(2, 3))
    return out, {"x": x, "pool": pool, "stride": stride}


def maxpool_backward(d_out, cache):
    x, pool, stride = cache["x"], cache["pool"], cache["stride"]
    dx = np.zeros_like(x)
    n, c, out_h, out_w = d_out.shape
    for a in range(n):
        for b in range(c):
            for i in range(out_h):
                for j in range(out_w):
                    window = x[a, b, i * stride:i * stride + pool, j * stride:j * stride + pool]
                    r, s = np.unravel_index(np.argmax(window), window.shape)
                    dx[a, b, i * stride + r, j * stride + s] += d_out[a, b, i, j]
    return dx
