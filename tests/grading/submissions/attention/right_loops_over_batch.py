# expect: pass
# Flatten the leading axes, then plain 2-D code per batch element (where .T is the right transpose),
# each row's softmax over its visible keys only, and the softmax Jacobian written out per row.
import numpy as np


def attention_forward(Q, K, V, causal=False):
    lead = Q.shape[:-2]
    q = Q.reshape(-1, *Q.shape[-2:])
    k = K.reshape(-1, *K.shape[-2:])
    v = V.reshape(-1, *V.shape[-2:])
    n_b, t_q, d = q.shape
    t_k = k.shape[1]
    out = np.zeros((n_b, t_q, v.shape[2]))
    P = np.zeros((n_b, t_q, t_k))
    for b in range(n_b):
        s = q[b] @ k[b].T / np.sqrt(d)
        for i in range(t_q):
            last = i + 1 if causal else t_k
            row = s[i, :last]
            e = np.exp(row - row.max())
            P[b, i, :last] = e / e.sum()
        out[b] = P[b] @ v[b]
    return out.reshape(*lead, t_q, v.shape[2]), (q, k, v, P, Q.shape, K.shape, V.shape)


def attention_backward(d_out, cache):
    q, k, v, P, q_shape, k_shape, v_shape = cache
    g = d_out.reshape(-1, *d_out.shape[-2:])
    d = q.shape[2]
    dq, dk, dv = np.zeros(q.shape), np.zeros(k.shape), np.zeros(v.shape)
    for b in range(q.shape[0]):
        dv[b] = P[b].T @ g[b]
        dp = g[b] @ v[b].T
        ds = np.zeros_like(dp)
        for i in range(dp.shape[0]):
            p = P[b, i]
            ds[i] = (np.diag(p) - np.outer(p, p)) @ dp[i]
        ds /= np.sqrt(d)
        dq[b] = ds @ k[b]
        dk[b] = ds.T @ q[b]
    return dq.reshape(q_shape), dk.reshape(k_shape), dv.reshape(v_shape)
