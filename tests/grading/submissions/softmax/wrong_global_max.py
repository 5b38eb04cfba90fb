# expect: fail
# diagnosis: likely mistake: subtracting the max of the whole array instead of each row's
import numpy as np


def softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum(axis=-1, keepdims=True)
