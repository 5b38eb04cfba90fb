# expect: pass
# The cache keeps the pre-activations and tanh' is taken from them, correctly, as 1 - tanh(a)**2
# (cosh form); the recursion is written on each sequence of the batch separately.
import numpy as np


def rnn_forward(x, h0, Wx, Wh, b):
    N, T, _ = x.shape
    H = Wh.shape[0]
    a = np.zeros((N, T, H))
    h = np.zeros((N, T, H))
    for n in range(N):
        prev = h0[n]
        for t in range(T):
            a[n, t] = x[n, t] @ Wx + prev @ Wh + b
            h[n, t] = np.tanh(a[n, t])
            prev = h[n, t]
    return h, (x.copy(), h0.copy(), Wx.copy(), Wh.copy(), a, h)


def rnn_backward(dh, cache):
    x, h0, Wx, Wh, a, h = cache
    N, T, _ = x.shape
    dx = np.zeros_like(x)
    dh0 = np.zeros_like(h0)
    dWx = np.zeros_like(Wx)
    dWh = np.zeros_like(Wh)
    db = np.zeros(Wh.shape[1])
    for n in range(N):
        back = np.zeros(Wh.shape[0])
        for t in range(T - 1, -1, -1):
            prev = h[n, t - 1] if t else h0[n]
            da = (dh[n, t] + back) / np.cosh(a[n, t]) ** 2
            dx[n, t] = Wx @ da
            dWx += np.outer(x[n, t], da)
            dWh += np.outer(prev, da)
            db += da
            back = Wh @ da
        dh0[n] = back
    return dx, dh0, dWx, dWh, db
