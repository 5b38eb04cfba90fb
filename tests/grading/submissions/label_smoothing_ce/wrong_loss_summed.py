# expect: fail
# diagnosis: likely mistake: the loss is summed over the batch
import numpy as np


def _log_softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


def label_smoothing_cross_entropy(logits, targets, smoothing=0.0):
    n, c = logits.shape
    q = np.eye(c)[targets] * (1 - smoothing) + smoothing / c
    log_p = _log_softmax(logits)
    return float(-(q * log_p).sum()), (np.exp(log_p) - q) / n

