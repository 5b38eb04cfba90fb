# expect: fail
# diagnosis: softmax(z) is wrong
# diagnosis: likely mistake: the values look rounded to 4 decimals
# Probabilities rounded to four decimals "to make them readable".
import numpy as np


def softmax(z):
    shifted = z - z.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    return np.round(e / e.sum(axis=-1, keepdims=True), 4)
