# expect: fail
# diagnosis: leaky_relu_grad(x) is wrong
# diagnosis: likely mistake: returned leaky_relu(x), the forward pass
import numpy as np


def leaky_relu_grad(x, alpha=0.01):
    return np.where(x > 0, x, alpha * x)
