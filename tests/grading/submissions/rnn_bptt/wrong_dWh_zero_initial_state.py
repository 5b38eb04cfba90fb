# expect: fail
# diagnosis: likely mistake: dWh takes the state before step 0 as zeros
import numpy as np


def rnn_forward(x, h0, Wx, Wh, b):
    N, T, _ = x.shape
    h = np.zeros((N, T, h0.shape[1]))
    prev = h0
    for t in range(T):
        prev = np.tanh(x[:, t] @ Wx + prev @ Wh + b)
        h[:, t] = prev
    return h, (x, h, Wx, Wh)


def rnn_backward(dh, cache):
    x, h, Wx, Wh = cache
    N, T, H = dh.shape
    # previous states for dWh: h0 was not cached, so the first one is taken as zeros
    h_prev = np.concatenate([np.zeros((N, 1, H)), h[:, :-1]], axis=1)
    dx = np.zeros(x.shape)
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(H)
    dnext = np.zeros((N, H))
    for t in reversed(range(T)):
        da = (dh[:, t] + dnext) * (1 - h[:, t] ** 2)
        dx[:, t] = da @ Wx.T
        dWx += x[:, t].T @ da
        dWh += h_prev[:, t].T @ da
        db += da.sum(axis=0)
        dnext = da @ Wh.T
    return dx, dnext, dWx, dWh, db
