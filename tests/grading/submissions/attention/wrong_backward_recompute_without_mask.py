# expect: fail
# diagnosis: likely mistake: the backward's attention weights ignore the causal mask
import numpy as np


def _scores(Q, K):
    return Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])


def _softmax(s):
    e = np.exp(s - s.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def attention_forward(Q, K, V, causal=False):
    s = _scores(Q, K)
    if causal:
        T = s.shape[-1]
        s = np.where(np.triu(np.ones((T, T), dtype=bool), 1), -np.inf, s)
    return _softmax(s) @ V, (Q, K, V)


def attention_backward(d_out, cache):
    Q, K, V = cache
    P = _softmax(_scores(Q, K))  # recomputed, but without the causal mask
    dV = np.swapaxes(P, -1, -2) @ d_out
    dP = d_out @ np.swapaxes(V, -1, -2)
    dS = P * (dP - (dP * P).sum(axis=-1, keepdims=True)) / np.sqrt(Q.shape[-1])
    return dS @ K, np.swapaxes(dS, -1, -2) @ Q, dV
