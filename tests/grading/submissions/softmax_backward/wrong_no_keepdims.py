# expect: fail
# diagnosis: softmax_backward(probs, d_probs) raised ValueError: operands could not be broadcast together
# diagnosis: likely mistake: the per-row sum lost its axis (no keepdims=True)
import numpy as np


def softmax_backward(probs, d_probs):
    s = np.sum(probs * d_probs, axis=-1)
    return probs * (d_probs - s)
