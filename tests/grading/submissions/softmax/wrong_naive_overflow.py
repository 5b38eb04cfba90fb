# expect: fail
# diagnosis: softmax(z) for logits of ±1e4 is wrong
# diagnosis: likely mistake: NaN or inf where the answer is finite
import numpy as np


def softmax(z):
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
