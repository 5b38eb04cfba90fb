# expect: fail
# diagnosis: likely mistake: (1 - tanh(x))**2 squares the difference
import numpy as np


def tanh_grad(x):
    return (1 - np.tanh(x)) ** 2
