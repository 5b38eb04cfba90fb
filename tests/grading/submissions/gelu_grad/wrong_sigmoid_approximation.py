# expect: fail
# diagnosis: likely mistake: the derivative of the sigmoid approximation x * sigmoid(1.702 x)
import numpy as np


def gelu_grad(x):
    z = 1.702 * x
    e = np.exp(-np.abs(z))
    s = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return s + z * s * (1.0 - s)
