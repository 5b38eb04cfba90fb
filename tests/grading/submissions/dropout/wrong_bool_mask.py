# expect: fail
# diagnosis: mask has dtype bool, expected float64
import numpy as np


def dropout_forward(x, p, rng, train=True):
    if not train:
        return x.copy(), np.ones(x.shape, dtype=bool)
    mask = rng.random(x.shape) >= p
    return x * mask / (1 - p), mask


def dropout_backward(d_out, mask):
    return d_out * mask
