# expect: pass
# One draw per element from the generator, the way a first version is often written.
import numpy as np


def dropout_forward(x, p, rng, train=True):
    mask = np.ones(x.shape)
    if train:
        q = 1 - p
        for idx in np.ndindex(x.shape):
            mask[idx] = (1 / q) if rng.random() < q else 0.0
    return x * mask, mask


def dropout_backward(d_out, mask):
    return d_out * mask
