# expect: error
# diagnosis: your code raised ZeroDivisionError: float division by zero
# The clipping factor is computed before checking whether clipping is needed at all.
import math

import numpy as np


def clip_grad_norm(grads, max_norm):
    norm = math.sqrt(sum(float(np.sum(np.square(g))) for g in grads))
    factor = min(1.0, max_norm / norm)
    for g in grads:
        g *= factor
    return norm
