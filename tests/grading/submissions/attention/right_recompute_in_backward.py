# expect: pass
# The cache holds only the inputs: backward recomputes the weights. The mask writes the most negative
# float64 into the scores through boolean indexing of the last two axes, and the transposes use
# np.moveaxis. The softmax's backward is written as P * dP minus P times the row sum of P * dP.
import numpy as np


def _swap(x):
    return np.moveaxis(x, -1, -2)


def _weights(Q, K, causal):
    s = np.matmul(Q, _swap(K)) / np.sqrt(Q.shape[-1])
    if causal:
        s = s.copy()
        t = s.shape[-1]
        s[..., np.triu(np.ones((t, t), dtype=bool), 1)] = np.finfo(np.float64).min
    s -= s.max(axis=-1, keepdims=True)
    np.exp(s, out=s)
    s /= s.sum(axis=-1, keepdims=True)
    return s


def attention_forward(Q, K, V, causal=False):
    return np.matmul(_weights(Q, K, causal), V), (Q, K, V, causal)


def attention_backward(d_out, cache):
    Q, K, V, causal = cache
    P = _weights(Q, K, causal)
    dP = np.matmul(d_out, _swap(V))
    pdp = P * dP
    dS = (pdp - P * pdp.sum(axis=-1, keepdims=True)) / np.sqrt(Q.shape[-1])
    return np.matmul(dS, K), np.matmul(_swap(dS), Q), np.matmul(_swap(P), d_out)
