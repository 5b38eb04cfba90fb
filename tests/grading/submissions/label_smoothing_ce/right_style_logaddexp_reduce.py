# expect: pass
# np.logaddexp.reduce as the log-sum-exp, q from a one-hot written with fancy indexing
import numpy as np


def label_smoothing_cross_entropy(logits, targets, smoothing=0.0):
    N, C = logits.shape
    lse = np.logaddexp.reduce(logits, axis=1, keepdims=True)
    logp = logits - lse
    q = np.zeros_like(logits)
    q[np.arange(N), targets] = 1.0
    q = q * (1.0 - smoothing) + smoothing / C
    loss = -np.sum(q * logp, axis=1).mean()
    return loss, (np.exp(logp) - q) / N
