# expect: fail
# diagnosis: likely mistake: every class got smoothing, not smoothing / C
import numpy as np


def label_smoothing_cross_entropy(logits, targets, smoothing=0.0):
    N, C = logits.shape
    z = logits - logits.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    rows = np.arange(N)
    nll = -logp[rows, targets]
    smooth = -logp.sum(axis=1)                 # sum over classes, not the mean
    loss = np.mean((1 - smoothing) * nll + smoothing * smooth)
    q = np.full((N, C), smoothing)
    q[rows, targets] += 1 - smoothing
    return float(loss), (np.exp(logp) * q.sum(axis=1, keepdims=True) - q) / N
