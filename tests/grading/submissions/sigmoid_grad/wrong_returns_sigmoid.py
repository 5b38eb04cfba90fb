# expect: fail
# diagnosis: likely mistake: returned sigma(x), the forward pass
import numpy as np


def sigmoid_grad(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, e) / (1.0 + e)
