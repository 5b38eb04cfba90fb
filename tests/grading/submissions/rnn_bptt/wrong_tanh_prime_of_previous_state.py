# expect: fail
# diagnosis: likely mistake: tanh' at step t is taken from the previous state
import numpy as np


def rnn_forward(x, h0, Wx, Wh, b):
    N, T, _ = x.shape
    h = np.empty((N, T, Wh.shape[0]))
    for t in range(T):
        h[:, t] = np.tanh(x[:, t] @ Wx + (h[:, t - 1] if t else h0) @ Wh + b)
    return h, (x, h0, Wx, Wh, h)


def rnn_backward(dh, cache):
    x, h0, Wx, Wh, h = cache
    g = dh.copy()  # gradient at every h_t, earlier steps collect what later ones send back
    dx = np.empty_like(x)
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(Wh.shape[0])
    dh0 = None
    for t in range(x.shape[1] - 1, -1, -1):
        prev = h[:, t - 1] if t else h0
        da = g[:, t] * (1 - prev * prev)  # tanh' read one step too early
        dx[:, t] = da @ Wx.T
        dWx += x[:, t].T @ da
        dWh += prev.T @ da
        db += da.sum(axis=0)
        if t:
            g[:, t - 1] += da @ Wh.T
        else:
            dh0 = da @ Wh.T
    return dx, dh0, dWx, dWh, db
