# expect: fail
# diagnosis: likely mistake: the log of a probability with an eps
import numpy as np


def label_smoothing_cross_entropy(logits, targets, smoothing=0.0):
    N, C = logits.shape
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    q = np.full((N, C), smoothing / C)
    q[np.arange(N), targets] += 1.0 - smoothing
    loss = -(q * np.log(np.maximum(p, 1e-300))).sum(axis=1).mean()
    return float(loss), (p - q) / N
