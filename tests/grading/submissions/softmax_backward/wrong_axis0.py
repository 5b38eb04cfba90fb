# expect: fail
# diagnosis: softmax_backward(probs, d_probs) is wrong
# diagnosis: likely mistake: summed over axis 0, across the batch
import numpy as np


def softmax_backward(probs, d_probs):
    s = np.sum(probs * d_probs, axis=0, keepdims=True)
    return probs * (d_probs - s)
