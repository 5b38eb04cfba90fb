# expect: fail
# diagnosis: likely mistake: the sign is flipped
import numpy as np


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def softmax_cross_entropy_backward(logits, y_onehot):
    return (y_onehot - softmax(logits)) / logits.shape[0]
