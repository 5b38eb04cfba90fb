# expect: fail
# diagnosis: likely mistake: 1 - tanh(x) forgot the square
import numpy as np


def tanh_grad(x):
    return 1 - np.tanh(x)
