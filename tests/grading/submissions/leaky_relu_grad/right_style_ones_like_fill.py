# expect: pass
# Start from ones and overwrite the non-positive entries of the NEW array; x is only read.
# Boolean indexing with a 0-d mask works too, so the 0-d case needs nothing special.
import numpy as np


def leaky_relu_grad(x, alpha=0.01):
    dx = np.ones_like(x, dtype=np.float64)
    dx[x <= 0] = alpha
    return dx
