# expect: pass
import numpy as np


def dropout_forward(x, p, rng, train=True):
    if not train:
        mask = np.ones(x.shape, dtype=np.float64)
    else:
        mask = rng.choice([0.0, 1.0 / (1.0 - p)], size=x.shape, p=[p, 1.0 - p])
    return x * mask, mask


def dropout_backward(d_out, mask):
    dx = d_out.copy()
    dx *= mask
    return dx
