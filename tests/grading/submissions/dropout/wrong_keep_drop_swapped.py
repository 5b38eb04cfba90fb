# expect: fail
# diagnosis: likely mistake: about p of the entries are kept — p is the DROP probability
import numpy as np


def dropout_forward(x, p, rng, train=True):
    if not train:
        return x.copy(), np.ones_like(x)
    mask = (rng.random(x.shape) < p) / (1 - p)
    return x * mask, mask


def dropout_backward(d_out, mask):
    return d_out * mask
