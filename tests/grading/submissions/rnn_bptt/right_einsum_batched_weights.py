# expect: pass
# The input projection is done for all steps at once; backward keeps each step's da and forms the
# weight gradients with one einsum each after the loop. The cache is a dict.
import numpy as np


def rnn_forward(x, h0, Wx, Wh, b):
    proj = np.einsum("ntd,dh->nth", x, Wx) + b
    hs = []
    h = h0
    for t in range(x.shape[1]):
        h = np.tanh(proj[:, t] + np.einsum("nk,kh->nh", h, Wh))
        hs.append(h)
    out = np.stack(hs, axis=1)
    return out, {"x": x, "h0": h0, "Wx": Wx, "Wh": Wh, "h": out}


def rnn_backward(dh, cache):
    x, h0, Wx, Wh, h = cache["x"], cache["h0"], cache["Wx"], cache["Wh"], cache["h"]
    T = x.shape[1]
    h_prev = np.concatenate([h0[:, None, :], h[:, :-1, :]], axis=1)
    da = np.zeros_like(h)
    g = np.zeros_like(h0)
    for t in reversed(range(T)):
        da[:, t] = (dh[:, t] + g) * (1.0 - np.square(h[:, t]))
        g = np.einsum("nh,kh->nk", da[:, t], Wh)
    dx = np.einsum("nth,dh->ntd", da, Wx)
    dWx = np.einsum("ntd,nth->dh", x, da)
    dWh = np.einsum("ntk,nth->kh", h_prev, da)
    db = np.einsum("nth->h", da)
    return dx, g, dWx, dWh, db
