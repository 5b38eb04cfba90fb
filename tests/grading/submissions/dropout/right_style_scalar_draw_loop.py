# expect: pass
# one rng.random() per element in a Python loop, out= in the backward
import numpy as np


def dropout_forward(x, p, rng, train=True):
    flat = x.ravel()
    mask = np.ones(flat.size)
    out = np.empty(flat.size)
    for i in range(flat.size):
        if train:
            mask[i] = 0.0 if rng.random() < p else 1.0 / (1.0 - p)
        out[i] = flat[i] * mask[i]
    return out.reshape(x.shape), mask.reshape(x.shape)

def dropout_backward(d_out, mask):
    dx = np.zeros_like(d_out, dtype=np.float64)
    np.multiply(d_out, mask, out=dx)
    return dx
