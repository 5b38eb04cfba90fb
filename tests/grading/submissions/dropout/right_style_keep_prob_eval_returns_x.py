# expect: pass
# CS231n-shaped: keep probability first, mask from a < comparison divided by it; eval returns x itself
import numpy as np


def dropout_forward(x, p, rng, train=True):
    if not train:
        return x, np.ones_like(x, dtype=np.float64)
    keep = 1.0 - p
    mask = (rng.random(x.shape) < keep) / keep
    out = x * mask
    return out, mask

def dropout_backward(d_out, mask):
    return d_out * mask
