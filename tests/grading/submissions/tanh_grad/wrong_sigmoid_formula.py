# expect: fail
# diagnosis: likely mistake: tanh(x) * (1 - tanh(x)) is the sigmoid's rule
import numpy as np


def tanh_grad(x):
    t = np.tanh(x)
    return t * (1 - t)
