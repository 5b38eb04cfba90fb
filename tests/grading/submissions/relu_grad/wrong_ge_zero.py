# expect: fail
# diagnosis: the gradient at x == 0 should be 0
import numpy as np


def relu_grad(x):
    return (x >= 0).astype(float)
