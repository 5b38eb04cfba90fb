# expect: fail
# diagnosis: raised a warning: RuntimeWarning: overflow encountered in exp
import numpy as np


def softmax(z):
    # right values, but it still evaluates the naive exp(z) "to check" first
    naive = np.exp(z)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return np.where(np.isfinite(naive).all(), e, e) / e.sum(axis=-1, keepdims=True)
