# expect: fail
# diagnosis: likely mistake: NaN or inf where the answer is finite
# diagnosis: exp(1e4) overflows
import numpy as np


def softmax_cross_entropy_backward(logits, y_onehot):
    e = np.exp(logits)
    p = e / e.sum(axis=1, keepdims=True)
    return (p - y_onehot) / len(logits)
