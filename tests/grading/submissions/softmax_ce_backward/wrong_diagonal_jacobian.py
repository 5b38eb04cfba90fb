# expect: fail
# diagnosis: likely mistake: only the diagonal of the softmax Jacobian
import numpy as np


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def softmax_cross_entropy_backward(logits, y_onehot):
    n = logits.shape[0]
    p = softmax(logits)
    dL_dp = -y_onehot / (p * n)
    return dL_dp * p * (1 - p)          # elementwise: as if dp_k/dz_k were the whole Jacobian
