# expect: fail
# diagnosis: raised a warning: RuntimeWarning: overflow encountered in exp
# diagnosis: exponentiate only -|x|
import numpy as np


def sigmoid_grad(x):
    s = 1.0 / (1.0 + np.exp(-x))
    return s * (1.0 - s)
