# expect: pass
# out built with np.where and x / (1 - p): equal to x * mask up to the last bit.
import numpy as np


def dropout_forward(x, p, rng, train=True):
    if train and p > 0:
        keep = rng.uniform(0.0, 1.0, size=x.shape) < 1.0 - p
    else:
        keep = np.ones(x.shape, dtype=bool)
    scale = 1.0 / (1.0 - p) if train else 1.0
    mask = keep.astype(np.float64) * scale
    out = np.where(keep, x / (1.0 - p) if train else x, 0.0)
    return out, mask


def dropout_backward(d_out, mask):
    return np.multiply(d_out, mask)
