# expect: fail
# diagnosis: likely mistake: 0 for negative inputs is plain ReLU's gradient
import numpy as np


def leaky_relu_grad(x, alpha=0.01):
    return (x > 0).astype(np.float64)
