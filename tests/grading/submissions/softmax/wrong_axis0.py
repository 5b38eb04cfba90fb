# expect: fail
# diagnosis: softmax(z) is wrong
# diagnosis: likely mistake: softmax over axis 0, down the batch
import numpy as np


def softmax(z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)
