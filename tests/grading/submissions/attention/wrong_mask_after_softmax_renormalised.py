# expect: fail
# diagnosis: likely mistake: the mask was applied after the softmax and the rows renormalised
import numpy as np


def attention_forward(Q, K, V, causal=False):
    d = Q.shape[-1]
    s = Q @ np.swapaxes(K, -1, -2) / np.sqrt(d)
    e = np.exp(s - s.max(axis=-1, keepdims=True))
    P = e / e.sum(axis=-1, keepdims=True)
    if causal:  # zero the future after the softmax, then renormalise the rows
        P = np.tril(P)
        P = P / P.sum(axis=-1, keepdims=True)
    return P @ V, (Q, K, V, P)


def attention_backward(d_out, cache):
    Q, K, V, P = cache
    d = Q.shape[-1]
    dV = np.swapaxes(P, -1, -2) @ d_out
    dP = d_out @ np.swapaxes(V, -1, -2)
    dS = P * (dP - (dP * P).sum(axis=-1, keepdims=True)) / np.sqrt(d)
    return dS @ K, np.swapaxes(dS, -1, -2) @ Q, dV
