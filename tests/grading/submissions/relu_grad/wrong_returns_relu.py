# expect: fail
# diagnosis: relu_grad(x) is wrong
# diagnosis: max abs error
import numpy as np


def relu_grad(x):
    return np.maximum(0.0, x)
