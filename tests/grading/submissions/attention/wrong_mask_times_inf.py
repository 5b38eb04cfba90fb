# expect: fail
# diagnosis: likely mistake: NaN or inf where the answer is finite
# diagnosis: 0 * inf is NaN
import numpy as np


def attention_forward(Q, K, V, causal=False):
    d = Q.shape[-1]
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(d)
    if causal:
        T = scores.shape[-1]
        scores = scores + np.triu(np.ones((T, T)), 1) * -np.inf
    scores = scores - scores.max(axis=-1, keepdims=True)
    P = np.exp(scores)
    P = P / P.sum(axis=-1, keepdims=True)
    return P @ V, (Q, K, V, P)


def attention_backward(d_out, cache):
    Q, K, V, P = cache
    d = Q.shape[-1]
    dV = np.swapaxes(P, -1, -2) @ d_out
    dP = d_out @ np.swapaxes(V, -1, -2)
    dS = P * (dP - (P * dP).sum(axis=-1, keepdims=True)) / np.sqrt(d)
    return dS @ K, np.swapaxes(dS, -1, -2) @ Q, dV
