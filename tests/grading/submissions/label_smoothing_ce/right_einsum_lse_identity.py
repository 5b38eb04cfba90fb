# expect: pass
# Since each row of q sums to 1, -sum q log_softmax(z) = logsumexp(z) - q . z; einsum for the dot.
import numpy as np


def label_smoothing_cross_entropy(logits, targets, smoothing=0.0):
    n, c = logits.shape
    q = np.eye(c)[targets] * (1 - smoothing) + smoothing / c
    top = logits.max(axis=1)
    lse = top + np.log(np.exp(logits - top[:, None]).sum(axis=1))
    loss = np.mean(lse - np.einsum("nc,nc->n", q, logits))
    probs = np.exp(logits - lse[:, None])
    return float(loss), (probs - q) / n
