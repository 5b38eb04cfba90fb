# expect: fail
# diagnosis: likely mistake: the mask hides the past instead of the future
import numpy as np


def attention_forward(Q, K, V, causal=False):
    s = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if causal:
        T = s.shape[-1]
        s = np.where(np.tril(np.ones((T, T), dtype=bool), -1), -np.inf, s)  # hides the past instead of the future
    e = np.exp(s - s.max(axis=-1, keepdims=True))
    P = e / e.sum(axis=-1, keepdims=True)
    return P @ V, (Q, K, V, P)


def attention_backward(d_out, cache):
    Q, K, V, P = cache
    dV = np.swapaxes(P, -1, -2) @ d_out
    dP = d_out @ np.swapaxes(V, -1, -2)
    dS = P * (dP - (dP * P).sum(axis=-1, keepdims=True)) / np.sqrt(Q.shape[-1])
    return dS @ K, np.swapaxes(dS, -1, -2) @ Q, dV
