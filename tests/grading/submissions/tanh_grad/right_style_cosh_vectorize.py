# expect: pass
# 1 / cosh(x)**2 through np.vectorize over a stable scalar form (cosh itself overflows past |x| ~ 710).
import math

import numpy as np


def _sech_squared(v):
    e = math.exp(-2.0 * abs(v))
    return 4.0 * e / (1.0 + e) ** 2


def tanh_grad(x):
    return np.vectorize(_sech_squared, otypes=[np.float64])(x)
