# expect: fail
# diagnosis: likely mistake: the gradient goes to every entry equal to the window's maximum
# The mask trick: fine on distinct values, but a window with equal maxima sends its gradient to each of them.
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
    dx = np.zeros_like(x)
    Ho, Wo = d_out.shape[2:]
    for i in range(Ho):
        for j in range(Wo):
            win = x[:, :, i * stride:i * stride + pool, j * stride:j * stride + pool]
            mask = win == win.max(axis=(2, 3), keepdims=True)
            dx[:, :, i * stride:i * stride + pool, j * stride:j * stride + pool] += mask * d_out[:, :, i, j][:, :, None, None]
    return dx
