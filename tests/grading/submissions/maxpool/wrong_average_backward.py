# expect: fail
# diagnosis: likely mistake: the gradient is spread evenly over each window (average-pooling backward)
import numpy as np


def maxpool_forward(x, pool=2, stride=2):
    N, C, H, W = x.shape
    Ho, Wo = (H - pool) // stride + 1, (W - pool) // stride + 1
    out = np.zeros((N, C, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[:, :, i, j] = np.amax(x[:, :, i * stride:i * stride + pool, j * stride:j * stride + pool], axis=(2, 3))
    return out, (x.shape, pool, stride)


def maxpool_backward(d_out, cache):
    shape, pool, stride = cache
    dx = np.zeros(shape)
    for i in range(d_out.shape[2]):
        for j in range(d_out.shape[3]):
            dx[:, :, i * stride:i * stride + pool, j * stride:j * stride + pool] += d_out[:, :, i:i + 1, j:j + 1] / pool**2
    return dx
