# expect: fail
# diagnosis: modified its input `d_probs` in place
import numpy as np


def softmax_backward(probs, d_probs):
    d_probs -= np.sum(probs * d_probs, axis=-1, keepdims=True)
    d_probs *= probs
    return d_probs
