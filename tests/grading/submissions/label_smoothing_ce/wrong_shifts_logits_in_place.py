# expect: fail
# diagnosis: modified its input `logits` in place
# The max is subtracted in place to save a copy, which changes the caller's logits.
import numpy as np


def label_smoothing_cross_entropy(logits, targets, smoothing=0.0):
    n, c = logits.shape
    logits -= logits.max(axis=1, keepdims=True)
    log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    q = np.eye(c)[targets] * (1 - smoothing) + smoothing / c
    return float(-np.sum(q * log_p) / n), (np.exp(log_p) - q) / n

