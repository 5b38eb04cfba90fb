# expect: fail
# diagnosis: tanh_grad(x) for |x| from 20 to 1000 is wrong
# diagnosis: likely mistake: NaN or inf where the answer is finite
import numpy as np


def tanh_grad(x):
    t = (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
    return 1 - t**2
