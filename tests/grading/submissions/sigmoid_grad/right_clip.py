# expect: pass
import numpy as np


def sigmoid_grad(x):
    # beyond |x| = 500 the gradient is below 1e-217 anyway; clipping keeps exp() in range
    s = 1.0 / (1.0 + np.exp(-np.clip(x, -500.0, 500.0)))
    return s * (1.0 - s)
