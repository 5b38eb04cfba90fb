# expect: pass
# The future filled with np.finfo(np.float64).min instead of -inf: exp of it minus the row max is exactly 0.
import numpy as np


def attention_forward(Q, K, V, causal=False):
    d = Q.shape[-1]
    s = Q @ np.swapaxes(K, -1, -2) / np.sqrt(d)
    if causal:
        Tq, Tk = s.shape[-2:]
        allowed = np.arange(Tk)[None, :] <= np.arange(Tq)[:, None]
        s = np.where(allowed, s, np.finfo(np.float64).min)
    m = s.max(axis=-1, keepdims=True)
    e = np.exp(s - m)
    P = e / e.sum(axis=-1, keepdims=True)
    return P @ V, (Q, K, V, P)


def attention_backward(d_out, cache):
    Q, K, V, P = cache
    d = Q.shape[-1]
    dV = np.swapaxes(P, -1, -2) @ d_out
    dP = d_out @ np.swapaxes(V, -1, -2)
    dS = P * (dP - (dP * P).sum(axis=-1, keepdims=True)) / np.sqrt(d)
    return dS @ K, np.swapaxes(dS, -1, -2) @ Q, dV
