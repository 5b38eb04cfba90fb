# expect: pass
# Bernoulli(1 - p) draws as integers, scaled to floats by the division.
import numpy as np


def dropout_forward(x, p, rng, train=True):
    if not train:
        return x.copy(), np.ones_like(x)
    mask = rng.binomial(1, 1.0 - p, size=x.shape) / (1.0 - p)
    return x * mask, mask


def dropout_backward(d_out, mask):
    return mask * d_out
