# expect: fail
# diagnosis: likely mistake: smoothing / (C - 1) on the other classes
# diagnosis: PyTorch spreads smoothing over all C classes, including the target
# The other common convention: the target keeps 1 - s, the s is shared among the C - 1 others.
import numpy as np


def _log_softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


def label_smoothing_cross_entropy(logits, targets, smoothing=0.0):
    n, c = logits.shape
    q = np.full((n, c), smoothing / (c - 1))
    q[np.arange(n), targets] = 1 - smoothing
    log_p = _log_softmax(logits)
    return float(-(q * log_p).sum() / n), (np.exp(log_p) - q) / n

