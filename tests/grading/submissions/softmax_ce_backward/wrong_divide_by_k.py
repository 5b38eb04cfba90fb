# expect: fail
# diagnosis: likely mistake: divided by the number of classes K instead of the batch size N
import numpy as np


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def softmax_cross_entropy_backward(logits, y_onehot):
    return (softmax(logits) - y_onehot) / logits.shape[1]
