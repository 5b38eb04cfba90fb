# expect: error
# diagnosis: IndexError: too many indices for array: array is 0-dimensional
# Filling a fresh array through out[:] works for every shape except 0-d, which has no axis to slice.
import numpy as np


def relu_grad(x):
    out = np.empty_like(x, dtype=np.float64)
    out[:] = x > 0
    return out
