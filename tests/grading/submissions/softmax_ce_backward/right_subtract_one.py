# expect: pass
import numpy as np


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def softmax_cross_entropy_backward(logits, y_onehot):
    n = logits.shape[0]
    grad = softmax(logits)                                # a new array, safe to edit
    grad[np.arange(n), y_onehot.argmax(axis=1)] -= 1.0    # p - y, for one-hot y
    grad /= n
    return grad
