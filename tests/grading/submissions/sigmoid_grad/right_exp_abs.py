# expect: pass
import numpy as np


def sigmoid_grad(x):
    # sigma'(x) is even, so evaluate it at -|x|: the exponent is never positive
    e = np.exp(-np.abs(x))
    return e / (1.0 + e) ** 2
