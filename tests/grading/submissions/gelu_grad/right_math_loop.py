# expect: pass
# One element at a time with the math module; math.tanh is exact at any size.
import math

import numpy as np


def gelu_grad(x):
    x = np.asarray(x, dtype=np.float64)
    out = np.empty(x.shape)
    c = math.sqrt(2.0 / math.pi)
    for i in np.ndindex(x.shape):
        v = float(x[i])
        t = math.tanh(c * (v + 0.044715 * v**3))
        out[i] = 0.5 * (1 + t) + 0.5 * v * (1 - t**2) * c * (1 + 3 * 0.044715 * v**2)
    return out
