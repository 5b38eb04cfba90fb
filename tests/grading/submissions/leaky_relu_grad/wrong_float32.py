# expect: fail
# diagnosis: has dtype float32, expected float64
import numpy as np


def leaky_relu_grad(x, alpha=0.01):
    return np.where(x > 0, 1.0, alpha).astype(np.float32)
