# expect: pass
import math

import numpy as np


def tanh_grad(x):
    out = np.empty(x.shape)
    for i, v in np.ndenumerate(x):
        out[i] = 1.0 - math.tanh(v) ** 2
    return out
