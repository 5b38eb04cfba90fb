# expect: pass
# Loops over examples and hidden units, the gates of each unit read at columns j, H + j, 2H + j and
# 3H + j; the sigmoid goes through log-sum-exp, with np.clip keeping the exponent in range anyway.
import numpy as np


def sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -np.clip(z, -700.0, 700.0)))


def lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b):
    N, H = prev_h.shape
    a = x @ Wx + prev_h @ Wh + b
    next_h, next_c = np.zeros((N, H)), np.zeros((N, H))
    for n in range(N):
        for j in range(H):
            i = sigmoid(a[n, j])
            f = sigmoid(a[n, H + j])
            o = sigmoid(a[n, 2 * H + j])
            g = np.tanh(a[n, 3 * H + j])
            next_c[n, j] = f * prev_c[n, j] + i * g
            next_h[n, j] = o * np.tanh(next_c[n, j])
    return next_h, next_c, [x, prev_h, prev_c, Wx, Wh, a, next_c]


def lstm_step_backward(dnext_h, dnext_c, cache):
    x, prev_h, prev_c, Wx, Wh, a, next_c = cache
    N, H = prev_h.shape
    da = np.zeros_like(a)
    dprev_c = np.zeros((N, H))
    for n in range(N):
        for j in range(H):
            i = sigmoid(a[n, j])
            f = sigmoid(a[n, H + j])
            o = sigmoid(a[n, 2 * H + j])
            g = np.tanh(a[n, 3 * H + j])
            tc = np.tanh(next_c[n, j])
            dc = dnext_c[n, j] + dnext_h[n, j] * o * (1 - tc ** 2)
            da[n, j] = dc * g * i * (1 - i)
            da[n, H + j] = dc * prev_c[n, j] * f * (1 - f)
            da[n, 2 * H + j] = dnext_h[n, j] * tc * o * (1 - o)
            da[n, 3 * H + j] = dc * i * (1 - g ** 2)
            dprev_c[n, j] = dc * f
    return da @ Wx.T, da @ Wh.T, dprev_c, x.T @ da, prev_h.T @ da, da.sum(axis=0)
