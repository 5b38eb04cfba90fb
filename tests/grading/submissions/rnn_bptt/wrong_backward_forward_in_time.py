# expect: fail
# diagnosis: likely mistake: backward walks forward in time
import numpy as np


def rnn_forward(x, h0, Wx, Wh, b):
    n, steps, _ = x.shape
    h = np.empty((n, steps, h0.shape[1]))
    prev = h0
    for t in range(steps):
        prev = np.tanh(x[:, t] @ Wx + prev @ Wh + b)
        h[:, t] = prev
    return h, (x, h0, Wx, Wh, h)


def rnn_backward(dh, cache):
    x, h0, Wx, Wh, h = cache
    dx = np.empty_like(x)
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(Wh.shape[0])
    carry = np.zeros_like(h0)  # dL/dh_t arriving from step t + 1
    for t in range(x.shape[1]):
        prev = h[:, t - 1] if t > 0 else h0
        da = (dh[:, t] + carry) * (1.0 - h[:, t] ** 2)
        dx[:, t] = da @ Wx.T
        dWx += x[:, t].T @ da
        dWh += prev.T @ da
        db += da.sum(axis=0)
        carry = da @ Wh.T
    return dx, carry, dWx, dWh, db
