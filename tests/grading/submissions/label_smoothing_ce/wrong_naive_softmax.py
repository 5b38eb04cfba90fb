# expect: fail
# diagnosis: with logits of ±1e4 is wrong
# diagnosis: likely mistake: exp of a large logit overflowed
import numpy as np


def label_smoothing_cross_entropy(logits, targets, smoothing=0.0):
    n, c = logits.shape
    e = np.exp(logits)
    p = e / e.sum(axis=1, keepdims=True)
    q = np.eye(c)[targets] * (1 - smoothing) + smoothing / c
    loss = -np.sum(q * np.log(p)) / n
    return float(loss), (p - q) / n

