# expect: fail
# diagnosis: modified its input `z` in place
import numpy as np


def softmax(z):
    z -= z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
