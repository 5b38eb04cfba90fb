# expect: fail
# diagnosis: gave a different mask for the same rng seed
# np.random's global generator instead of the one passed in.
import numpy as np


def dropout_forward(x, p, rng, train=True):
    if not train:
        return x.copy(), np.ones_like(x)
    mask = (np.random.rand(*x.shape) >= p) / (1 - p)
    return x * mask, mask


def dropout_backward(d_out, mask):
    return d_out * mask
