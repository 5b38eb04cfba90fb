# expect: fail
# diagnosis: likely mistake: the result is not multiplied by p
import numpy as np


def softmax_backward(probs, d_probs):
    return d_probs - np.sum(probs * d_probs, axis=-1, keepdims=True)
