# expect: fail
# An additive -10000 mask, as some public BERT code writes it: invisible with ordinary scores, not with 1e4.
# diagnosis: likely mistake: the masked scores were only pushed down by about 1e4
import numpy as np


def attention_forward(Q, K, V, causal=False):
    lead = Q.shape[:-2]
    Tq, d = Q.shape[-2:]
    Tk, dv = V.shape[-2:]
    q = Q.reshape(-1, Tq, d)
    k = K.reshape(-1, Tk, d)
    v = V.reshape(-1, Tk, dv)
    B = q.shape[0]
    add = np.zeros((Tq, Tk))
    if causal:
        add = np.triu(np.full((Tq, Tk), -10000.0), k=1)  # additive mask, BERT-style
    out = np.zeros((B, Tq, dv))
    probs = np.zeros((B, Tq, Tk))
    for bi in range(B):
        s = q[bi] @ k[bi].T / np.sqrt(d) + add
        s = s - s.max(axis=1, keepdims=True)
        p = np.exp(s)
        p /= p.sum(axis=1, keepdims=True)
        probs[bi] = p
        out[bi] = p @ v[bi]
    return out.reshape(lead + (Tq, dv)), {"q": q, "k": k, "v": v, "p": probs, "shapes": (Q.shape, K.shape, V.shape)}


def attention_backward(d_out, cache):
    q, k, v, p = cache["q"], cache["k"], cache["v"], cache["p"]
    qs, ks, vs = cache["shapes"]
    B, Tq, d = q.shape
    g = d_out.reshape(B, Tq, -1)
    dq, dk, dv = np.zeros_like(q), np.zeros_like(k), np.zeros_like(v)
    for bi in range(B):
        dv[bi] = p[bi].T @ g[bi]
        dp = g[bi] @ v[bi].T
        ds = np.zeros_like(dp)
        for r in range(Tq):
            J = np.diag(p[bi, r]) - np.outer(p[bi, r], p[bi, r])  # the row's softmax Jacobian
            ds[r] = J @ dp[r]
        ds /= np.sqrt(d)
        dq[bi] = ds @ k[bi]
        dk[bi] = ds.T @ q[bi]
    return dq.reshape(qs), dk.reshape(ks), dv.reshape(vs)
