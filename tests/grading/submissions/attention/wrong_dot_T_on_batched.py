# expect: fail
# diagnosis: attention_forward raised ValueError
# diagnosis: use swapaxes(-1, -2)
import numpy as np


def attention_forward(Q, K, V, causal=False):
    d = Q.shape[-1]
    scores = Q @ K.T / np.sqrt(d)
    if causal:
        T = scores.shape[-1]
        scores = np.where(np.triu(np.ones((T, T), dtype=bool), k=1), -np.inf, scores)
    scores = scores - scores.max(axis=-1, keepdims=True)
    P = np.exp(scores)
    P /= P.sum(axis=-1, keepdims=True)
    return P @ V, (Q, K, V, P)


def attention_backward(d_out, cache):
    Q, K, V, P = cache
    d = Q.shape[-1]
    dV = P.T @ d_out
    dP = d_out @ V.T
    dS = P * (dP - np.sum(P * dP, axis=-1, keepdims=True)) / np.sqrt(d)
    return dS @ K, dS.T @ Q, dV
