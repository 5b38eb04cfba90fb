"""Reference: inverted dropout, forward and backward."""

import numpy as np


def dropout_forward(x, p, rng, train=True):
    if not train or p == 0:
        mask = np.ones(x.shape)
    else:
        keep = rng.random(x.shape) >= p
        mask = keep / (1.0 - p)
    return x * mask, mask


def dropout_backward(d_out, mask):
    return d_out * mask
