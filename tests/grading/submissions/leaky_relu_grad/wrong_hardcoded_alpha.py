# expect: fail
# diagnosis: leaky_relu_grad(x, alpha=0.2) is wrong
# diagnosis: likely mistake: the slope is a hard-coded 0.01 — use the alpha argument you are given
import numpy as np


def leaky_relu_grad(x, alpha=0.01):
    return np.where(x > 0, 1.0, 0.01)
