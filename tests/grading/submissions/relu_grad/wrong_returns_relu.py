# expect: fail
# diagnosis: relu_grad(x) is wrong
# diagnosis: abs error 0.654 (tolerance 1e-10), relative error 0.486 (tolerance 1e-07)
import numpy as np


def relu_grad(x):
    return np.maximum(0.0, x)
