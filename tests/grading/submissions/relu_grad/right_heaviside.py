# expect: pass
import numpy as np


def relu_grad(x):
    return np.heaviside(x, 0.0)
