# expect: pass
# The states stacked with h0 in front, a zero-padded copy of dh that earlier steps accumulate into in
# place, and every weight gradient as one einsum over all steps at the end.
import numpy as np


def rnn_forward(x, h0, Wx, Wh, b):
    N, T, D = x.shape
    states = [h0]
    for t in range(T):
        states.append(np.tanh(x[:, t] @ Wx + states[-1] @ Wh + b))
    hs = np.stack(states, axis=1)  # (N, T + 1, H), h0 first
    return hs[:, 1:].copy(), {"x": x, "hs": hs, "Wx": Wx, "Wh": Wh}


def rnn_backward(dh, cache):
    x, hs, Wx, Wh = cache["x"], cache["hs"], cache["Wx"], cache["Wh"]
    T = x.shape[1]
    g = np.zeros(hs.shape)
    g[:, 1:] = dh  # a copy of dh with a slot for h0; later steps add into earlier ones
    da = np.zeros(dh.shape)
    for t in range(T, 0, -1):
        da[:, t - 1] = g[:, t] * (1.0 - hs[:, t] ** 2)
        g[:, t - 1] += da[:, t - 1] @ Wh.T
    dx = np.einsum("nth,dh->ntd", da, Wx)
    dWx = np.einsum("ntd,nth->dh", x, da)
    dWh = np.einsum("ntk,nth->kh", hs[:, :-1], da)
    db = da.sum(axis=(0, 1))
    return dx, g[:, 0], dWx, dWh, db
