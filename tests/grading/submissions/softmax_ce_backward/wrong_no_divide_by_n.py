# expect: fail
# diagnosis: d loss / d logits disagrees with finite differences
# diagnosis: likely mistake: off by a factor of the batch size (3)
import numpy as np


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def softmax_cross_entropy_backward(logits, y_onehot):
    return softmax(logits) - y_onehot
