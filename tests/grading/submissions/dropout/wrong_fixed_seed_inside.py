# expect: fail
# diagnosis: gave exactly the same 2000-entry mask for two different rng seeds
# "Reproducible" by seeding a new generator inside: every call draws the same mask.
import numpy as np


def dropout_forward(x, p, rng, train=True):
    if not train:
        return x.copy(), np.ones_like(x)
    own = np.random.default_rng(0)
    mask = (own.random(x.shape) >= p) / (1 - p)
    return x * mask, mask


def dropout_backward(d_out, mask):
    return d_out * mask
