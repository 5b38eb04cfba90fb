# expect: fail
# diagnosis: sigmoid_grad(x) for |x| from 20 to 1000 is wrong
# diagnosis: likely mistake: NaN or inf where the answer is finite
import numpy as np


def sigmoid_grad(x):
    e = np.exp(-x)
    return e / (1.0 + e) ** 2
