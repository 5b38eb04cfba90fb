# expect: fail
# diagnosis: likely mistake: the scores are not scaled
import numpy as np


def _t(a):
    """Transpose the last two axes only, whatever the leading (batch) axes."""
    return np.swapaxes(a, -1, -2)


def attention_forward(Q, K, V, causal=False):
    scores = Q @ _t(K)
    if causal:
        t_q, t_k = scores.shape[-2:]
        future = np.triu(np.ones((t_q, t_k), dtype=bool), k=1)
        scores = np.where(future, -np.inf, scores)
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    P = e / e.sum(axis=-1, keepdims=True)
    return P @ V, (Q, K, V, P)


def attention_backward(d_out, cache):
    Q, K, V, P = cache
    d = Q.shape[-1]
    dV = _t(P) @ d_out
    dP = d_out @ _t(V)
    dS = P * (dP - (P * dP).sum(axis=-1, keepdims=True)) / np.sqrt(d)
    dQ = dS @ K
    dK = _t(dS) @ Q
    return dQ, dK, dV
