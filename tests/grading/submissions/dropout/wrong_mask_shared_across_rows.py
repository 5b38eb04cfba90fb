# expect: fail
# diagnosis: likely mistake: one draw shared across an axis
import numpy as np


def dropout_forward(x, p, rng, train=True):
    # one mask over the last axis, broadcast across every row
    if not train:
        return x.copy(), np.ones(x.shape)
    keep = (rng.random(x.shape[-1]) >= p) / (1.0 - p)
    mask = np.broadcast_to(keep, x.shape).copy()
    return x * mask, mask

def dropout_backward(d_out, mask):
    return d_out * mask
