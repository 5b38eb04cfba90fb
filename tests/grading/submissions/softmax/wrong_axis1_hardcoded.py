# expect: error
# diagnosis: likely mistake: softmax over axis 1, which is the last axis only for 2-D input
import numpy as np


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)
