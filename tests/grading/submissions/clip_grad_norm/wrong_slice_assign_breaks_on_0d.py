# expect: error
# diagnosis: IndexError: too many indices for array: array is 0-dimensional
# g[:] *= ... writes into the array, but a 0-d array (a scalar parameter) has no axis to slice.
import numpy as np


def clip_grad_norm(grads, max_norm):
    squares = 0.0
    for g in grads:
        squares += np.sum(g * g)
    total_norm = float(np.sqrt(squares))
    if total_norm > max_norm:
        factor = max_norm / total_norm
        for g in grads:
            g[:] *= factor
    return total_norm
