# expect: fail
# diagnosis: likely mistake: dh0 is the gradient at the first hidden state h[:, 0]
import numpy as np


def rnn_forward(x, h0, Wx, Wh, b):
    N, T, _ = x.shape
    hs = [h0]
    for t in range(T):
        hs.append(np.tanh(x[:, t] @ Wx + hs[-1] @ Wh + b))
    return np.stack(hs[1:], axis=1), (x, hs, Wx, Wh)


def rnn_backward(dh, cache):
    x, hs, Wx, Wh = cache
    N, T, H = dh.shape
    dx = np.zeros(x.shape)
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(H)
    dnext = np.zeros((N, H))
    for t in reversed(range(T)):
        g = dh[:, t] + dnext
        if t == 0:
            dh0 = g  # the total gradient at h_0 (the first output), not at the initial state
        da = g * (1 - hs[t + 1] ** 2)
        dx[:, t] = da @ Wx.T
        dWx += x[:, t].T @ da
        dWh += hs[t].T @ da
        db += da.sum(axis=0)
        dnext = da @ Wh.T
    return dx, dh0, dWx, dWh, db
