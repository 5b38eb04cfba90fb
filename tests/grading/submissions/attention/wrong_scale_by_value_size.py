# expect: fail
# diagnosis: likely mistake: the scores are divided by sqrt(dv), the value size
import numpy as np


def attention_forward(Q, K, V, causal=False):
    scale = np.sqrt(V.shape[-1])  # the value size, not the query/key size
    s = Q @ np.swapaxes(K, -1, -2) / scale
    if causal:
        T = s.shape[-1]
        s = np.where(np.tril(np.ones((T, T))) == 1, s, -1e9)
    e = np.exp(s - s.max(axis=-1, keepdims=True))
    P = e / e.sum(axis=-1, keepdims=True)
    return P @ V, (Q, K, V, P, scale)


def attention_backward(d_out, cache):
    Q, K, V, P, scale = cache
    dV = np.swapaxes(P, -1, -2) @ d_out
    dP = d_out @ np.swapaxes(V, -1, -2)
    dS = P * (dP - (dP * P).sum(axis=-1, keepdims=True)) / scale
    return dS @ K, np.swapaxes(dS, -1, -2) @ Q, dV
