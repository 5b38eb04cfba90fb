# expect: fail
# diagnosis: the gradient at x == 0 should be alpha (use x > 0, not x >= 0)
import numpy as np


def leaky_relu_grad(x, alpha=0.01):
    return np.where(x >= 0, 1.0, alpha)
