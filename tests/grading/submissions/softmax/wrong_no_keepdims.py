# expect: error
# diagnosis: softmax(z) is wrong
# diagnosis: likely mistake: z.max(axis=-1) without keepdims=True
import numpy as np


def softmax(z):
    e = np.exp(z - z.max(axis=-1))
    return e / e.sum(axis=-1, keepdims=True)
