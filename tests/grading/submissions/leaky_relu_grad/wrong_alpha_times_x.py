# expect: fail
# diagnosis: likely mistake: alpha * x on the negative side is the forward's value there
import numpy as np


def leaky_relu_grad(x, alpha=0.01):
    return np.where(x > 0, 1.0, alpha * x)
