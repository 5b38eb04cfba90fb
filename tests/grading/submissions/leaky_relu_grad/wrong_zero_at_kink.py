# expect: fail
# diagnosis: the gradient at x == 0 came out 0
import numpy as np


def leaky_relu(x, alpha=0.01):
    return np.where(x > 0, x, alpha * x)

def leaky_relu_grad(x, alpha=0.01):
    # x == 0 treated as gradient 0
    return np.where(x > 0, 1.0, np.where(x < 0, alpha, 0.0))
