# expect: fail
# diagnosis: the gradient for logits of ±1e4 is wrong
# diagnosis: dividing by a probability that underflowed to 0
import numpy as np


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def softmax_cross_entropy_backward(logits, y_onehot):
    # the full chain rule, right on paper: dL/dz = J^T dL/dp with J = diag(p) - p p^T
    n = logits.shape[0]
    p = softmax(logits)
    dL_dp = -y_onehot / p / n
    return p * (dL_dp - np.sum(dL_dp * p, axis=1, keepdims=True))
