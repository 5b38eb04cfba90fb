# expect: fail
# diagnosis: likely mistake: the kept entries are 1/p
import numpy as np


def dropout_forward(x, p, rng, train=True):
    if not train or p == 0:
        return x.copy(), np.ones_like(x)
    mask = (rng.random(x.shape) > p) / p
    return x * mask, mask


def dropout_backward(d_out, mask):
    return d_out * mask
