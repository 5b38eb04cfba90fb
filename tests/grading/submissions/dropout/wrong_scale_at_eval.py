# expect: fail
# diagnosis: the mask holds values other than 0 and 1/(1-p)
# diagnosis: likely mistake: the kept entries are 1, not 1/(1-p)
# Classic (non-inverted) dropout: 0/1 in training, x * (1 - p) at test time.
import numpy as np


def dropout_forward(x, p, rng, train=True):
    if not train:
        return x * (1 - p), np.ones_like(x)
    mask = (rng.random(x.shape) >= p).astype(np.float64)
    return x * mask, mask


def dropout_backward(d_out, mask):
    return d_out * mask
