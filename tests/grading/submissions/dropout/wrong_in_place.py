# expect: fail
# diagnosis: modified its input `x` in place
import numpy as np


def dropout_forward(x, p, rng, train=True):
    if not train:
        return x, np.ones_like(x)
    mask = (rng.random(x.shape) >= p) / (1 - p)
    x *= mask
    return x, mask


def dropout_backward(d_out, mask):
    return d_out * mask
