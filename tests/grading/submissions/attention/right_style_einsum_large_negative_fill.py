# expect: pass
# Everything as einsum over "..." batch axes, the causal mask as a -1e9 fill (not -inf), the scale
# folded into Q up front, and a dict cache that keeps the scaled queries.
import numpy as np

NEG = -1e9


def attention_forward(Q, K, V, causal=False):
    scale = 1.0 / np.sqrt(Q.shape[-1])
    q = Q * scale
    att = np.einsum("...qd,...kd->...qk", q, K)
    if causal:
        n = att.shape[-1]
        keep = np.tril(np.ones((n, n), dtype=bool))
        att = np.where(keep, att, NEG)
    att = att - np.max(att, axis=-1, keepdims=True)
    w = np.exp(att)
    w = w / np.sum(w, axis=-1, keepdims=True)
    out = np.einsum("...qk,...kv->...qv", w, V)
    return out, {"q": q, "K": K, "V": V, "w": w, "scale": scale}


def attention_backward(d_out, cache):
    q, K, V, w, scale = cache["q"], cache["K"], cache["V"], cache["w"], cache["scale"]
    dV = np.einsum("...qk,...qv->...kv", w, d_out)
    dw = np.einsum("...qv,...kv->...qk", d_out, V)
    row = np.einsum("...qk,...qk->...q", w, dw)[..., None]
    datt = w * (dw - row)
    dQ = np.einsum("...qk,...kd->...qd", datt, K) * scale
    dK = np.einsum("...qk,...qd->...kd", datt, q)  # q already carries the scale
    return dQ, dK, dV
