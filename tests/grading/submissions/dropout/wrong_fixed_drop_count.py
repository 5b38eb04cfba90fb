# expect: fail
# diagnosis: likely mistake: a fixed number round(p * n) of entries is dropped
import numpy as np


def dropout_forward(x, p, rng, train=True):
    # drops exactly round(p * n) entries: the count never varies, so entries are not independent
    if not train:
        return x.copy(), np.ones(x.shape)
    n = x.size
    k = int(round(p * n))
    flat = np.full(n, 1.0 / (1.0 - p))
    flat[rng.permutation(n)[:k]] = 0.0
    mask = flat.reshape(x.shape)
    return x * mask, mask

def dropout_backward(d_out, mask):
    return d_out * mask
