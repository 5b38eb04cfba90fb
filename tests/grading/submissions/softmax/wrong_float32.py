# expect: fail
# diagnosis: softmax(z) has dtype float32, expected float64
import numpy as np


def softmax(z):
    z32 = z.astype(np.float32)      # "to save memory"
    e = np.exp(z32 - z32.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
