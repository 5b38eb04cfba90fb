# expect: fail
# diagnosis: modified its input `x` in place
import numpy as np


def sigmoid_grad(x):
    s = x  # "reuse the buffer" — but s is x, not a copy
    pos = x >= 0
    s[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    s[~pos] = np.exp(x[~pos]) / (1.0 + np.exp(x[~pos]))
    return s * (1.0 - s)
