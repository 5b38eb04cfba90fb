# expect: pass
# The slope built from the boolean mask by arithmetic: alpha + (1 - alpha) * [x > 0].
import numpy as np


def leaky_relu_grad(x, alpha=0.01):
    positive = (x > 0).astype(np.float64)
    return alpha + (1.0 - alpha) * positive
