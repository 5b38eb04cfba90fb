# expect: pass
# draws from rng even in eval mode and discards the draw; np.where on a uniform
import numpy as np


def dropout_forward(x, p, rng, train=True):
    # draws every time, even in eval mode, and then ignores the draw
    u = rng.uniform(0.0, 1.0, size=np.shape(x))
    if train:
        mask = np.where(u >= p, 1.0 / (1.0 - p), 0.0)
    else:
        mask = np.ones(np.shape(x))
    return np.multiply(x, mask), mask

def dropout_backward(d_out, mask):
    return np.multiply(d_out, mask)
