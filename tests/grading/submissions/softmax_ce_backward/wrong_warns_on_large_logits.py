# expect: fail
# diagnosis: raised a warning: RuntimeWarning: overflow
# diagnosis: use a stable formula
import numpy as np


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def softmax_cross_entropy_backward(logits, y_onehot):
    scale = np.exp(logits).sum()  # computed and never used: for logits of 1e4 it overflows, and warns
    del scale
    return (softmax(logits) - y_onehot) / len(logits)
