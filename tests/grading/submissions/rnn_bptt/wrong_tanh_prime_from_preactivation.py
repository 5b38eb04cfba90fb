# expect: fail
# diagnosis: likely mistake: tanh' is written as 1 - a**2 with the pre-activation a
# The cache keeps the pre-activation and tanh' is taken as 1 - a**2, the formula meant for the output.
import numpy as np


def rnn_forward(x, h0, Wx, Wh, b):
    n, steps, _ = x.shape
    h = np.empty((n, steps, h0.shape[1]))
    pre = np.empty_like(h)
    prev = h0
    for t in range(steps):
        pre[:, t] = x[:, t] @ Wx + prev @ Wh + b
        prev = np.tanh(pre[:, t])
        h[:, t] = prev
    return h, (x, h0, Wx, Wh, h, pre)


def rnn_backward(dh, cache):
    x, h0, Wx, Wh, h, pre = cache
    dx = np.empty_like(x)
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(Wh.shape[0])
    carry = np.zeros_like(h0)  # dL/dh_t arriving from step t + 1
    for t in reversed(range(x.shape[1])):
        prev = h[:, t - 1] if t > 0 else h0
        da = (dh[:, t] + carry) * (1.0 - pre[:, t] ** 2)
        dx[:, t] = da @ Wx.T
        dWx += x[:, t].T @ da
        dWh += prev.T @ da
        db += da.sum(axis=0)
        carry = da @ Wh.T
    return dx, carry, dWx, dWh, db
