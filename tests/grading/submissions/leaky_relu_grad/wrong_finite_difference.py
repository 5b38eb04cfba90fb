# expect: fail
# diagnosis: the gradient near x == 0 came out (1 + alpha) / 2
import numpy as np


def leaky_relu(x, alpha=0.01):
    return np.where(x > 0, x, alpha * x)

def leaky_relu_grad(x, alpha=0.01):
    # a numerical derivative: across the kink it averages the two slopes
    h = 1e-3
    return (leaky_relu(x + h, alpha) - leaky_relu(x - h, alpha)) / (2 * h)
