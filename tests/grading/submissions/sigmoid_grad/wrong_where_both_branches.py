# expect: fail
# diagnosis: raised a warning
# diagnosis: np.where(cond, a, b) computes a and b for EVERY element
import numpy as np


def sigmoid_grad(x):
    s = np.where(x >= 0, 1.0 / (1.0 + np.exp(-x)), np.exp(x) / (1.0 + np.exp(x)))
    return s * (1.0 - s)
