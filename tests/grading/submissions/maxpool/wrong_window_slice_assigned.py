# expect: fail
# diagnosis: likely mistake: overlapping windows overwrite each other's gradient
# diagnosis: a whole window was assigned
import numpy as np


def maxpool_forward(x, pool=2, stride=2):
    N, C, H, W = x.shape
    Ho, Wo = (H - pool) // stride + 1, (W - pool) // stride + 1
    out = np.zeros((N, C, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[:, :, i, j] = x[:, :, i * stride:i * stride + pool, j * stride:j * stride + pool].max(axis=(2, 3))
    return out, (x, pool, stride)


def maxpool_backward(d_out, cache):
    x, pool, stride = cache
    N, C = x.shape[:2]
    dx = np.zeros_like(x)
    for i in range(d_out.shape[2]):
        for j in range(d_out.shape[3]):
            win = x[:, :, i * stride:i * stride + pool, j * stride:j * stride + pool].reshape(N, C, -1)
            one_hot = np.zeros_like(win)
            np.put_along_axis(one_hot, win.argmax(axis=-1)[..., None], 1.0, axis=-1)
            grad = one_hot.reshape(N, C, pool, pool) * d_out[:, :, i, j][..., None, None]
            dx[:, :, i * stride:i * stride + pool, j * stride:j * stride + pool] = grad
    return dx
