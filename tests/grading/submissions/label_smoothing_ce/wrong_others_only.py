# expect: fail
# diagnosis: likely mistake: smoothing / C went to the other classes only
import numpy as np


def _log_softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


def label_smoothing_cross_entropy(logits, targets, smoothing=0.0):
    n, c = logits.shape
    q = np.full((n, c), smoothing / c)
    q[np.arange(n), targets] = 1 - smoothing
    log_p = _log_softmax(logits)
    return float(-(q * log_p).sum() / n), (np.exp(log_p) - q) / n

