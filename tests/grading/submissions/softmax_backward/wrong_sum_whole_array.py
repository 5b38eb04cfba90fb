# expect: fail
# diagnosis: likely mistake: one p-weighted sum over the whole array
import numpy as np


def softmax_backward(probs, d_probs):
    # reduction over the whole batch, not per row
    return probs * (d_probs - np.sum(probs * d_probs))
