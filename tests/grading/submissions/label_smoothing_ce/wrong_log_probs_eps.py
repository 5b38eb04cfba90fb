# expect: fail
# diagnosis: with logits of ±1e4 is wrong
# diagnosis: likely mistake: the log of a probability with an eps
# A stable softmax, then log(p + 1e-8): within tolerance on ordinary logits, 18 instead of 2e4 where p rounds to 0.
import numpy as np


def label_smoothing_cross_entropy(logits, targets, smoothing=0.0):
    n, c = logits.shape
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    q = np.eye(c)[targets] * (1 - smoothing) + smoothing / c
    loss = -np.sum(q * np.log(p + 1e-8)) / n
    return float(loss), (p - q) / n

