# expect: fail
# diagnosis: likely mistake: the sign is flipped
import numpy as np


def label_smoothing_cross_entropy(logits, targets, smoothing=0.0):
    N, C = logits.shape
    z = logits - logits.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    q = np.full((N, C), smoothing / C)
    q[np.arange(N), targets] += 1.0 - smoothing
    loss = -(q * logp).sum(axis=1).mean()
    return float(loss), (q - np.exp(logp)) / N
