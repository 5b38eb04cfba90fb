# expect: fail
# diagnosis: likely mistake: backward looks at the windows as if the stride were 1
import numpy as np


def maxpool_forward(x, pool=2, stride=2):
    N, C, H, W = x.shape
    Ho, Wo = (H - pool) // stride + 1, (W - pool) // stride + 1
    out = np.zeros((N, C, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[:, :, i, j] = x[:, :, i * stride:i * stride + pool, j * stride:j * stride + pool].max(axis=(2, 3))
    return out, (x, pool)


def maxpool_backward(d_out, cache):
    x, pool = cache
    N, C = x.shape[:2]
    dx = np.zeros_like(x)
    for i in range(d_out.shape[2]):
        for j in range(d_out.shape[3]):
            win = x[:, :, i:i + pool, j:j + pool].reshape(N, C, -1)
            k = win.argmax(axis=-1)
            for n in range(N):
                for c in range(C):
                    dx[n, c, i + k[n, c] // pool, j + k[n, c] % pool] += d_out[n, c, i, j]
    return dx
