# expect: fail
# diagnosis: has dtype int64, expected float64
# An integer array of ones: writing alpha into it silently truncates 0.01 to 0.
import numpy as np


def leaky_relu_grad(x, alpha=0.01):
    g = np.ones(np.shape(x), dtype=int)
    g[x <= 0] = alpha
    return g
