# expect: fail
# diagnosis: likely mistake: the correction term has the wrong sign
import numpy as np


def softmax_backward(probs, d_probs):
    return probs * d_probs + probs * np.sum(probs * d_probs, axis=-1, keepdims=True)
