# expect: fail
# diagnosis: modified its input `logits` in place
import numpy as np


def softmax_cross_entropy_backward(logits, y_onehot):
    logits -= logits.max(axis=1, keepdims=True)
    np.exp(logits, out=logits)
    logits /= logits.sum(axis=1, keepdims=True)
    return (logits - y_onehot) / logits.shape[0]
