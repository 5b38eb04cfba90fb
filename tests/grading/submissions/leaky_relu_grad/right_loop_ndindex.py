# expect: pass
# One element at a time; np.ndindex(()) yields the single index () of a 0-d array.
import numpy as np


def leaky_relu_grad(x, alpha=0.01):
    x = np.asarray(x)
    out = np.empty(x.shape, dtype=np.float64)
    for idx in np.ndindex(x.shape):
        out[idx] = 1.0 if x[idx] > 0 else alpha
    return out
