# expect: fail
# diagnosis: relu_grad(x) is wrong
# diagnosis: expected 1, got 0.12573: abs error 0.874 (tolerance 1e-10), relative error 0.777 (tolerance 1e-07)
import numpy as np


def relu_grad(x):
    return np.maximum(0.0, x)
