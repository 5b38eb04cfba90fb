# expect: pass
# One function per time step, as many course notebooks structure it: the cache is a list of per-step
# tuples, and the gradient into each h_{t-1} is collected in a running dprev.
import numpy as np


def step_forward(x_t, prev_h, Wx, Wh, b):
    next_h = np.tanh(np.dot(x_t, Wx) + np.dot(prev_h, Wh) + b)
    return next_h, (x_t, prev_h, Wx, Wh, next_h)


def step_backward(dnext_h, step_cache):
    x_t, prev_h, Wx, Wh, next_h = step_cache
    dtanh = dnext_h * (1 - next_h * next_h)
    return np.dot(dtanh, Wx.T), np.dot(dtanh, Wh.T), np.dot(x_t.T, dtanh), np.dot(prev_h.T, dtanh), np.sum(dtanh, axis=0)


def rnn_forward(x, h0, Wx, Wh, b):
    N, T, _ = x.shape
    h = np.zeros((N, T, h0.shape[1]))
    caches = []
    prev_h = h0
    for t in range(T):
        prev_h, c = step_forward(x[:, t, :], prev_h, Wx, Wh, b)
        h[:, t, :] = prev_h
        caches.append(c)
    return h, caches


def rnn_backward(dh, cache):
    N, T, H = dh.shape
    D = cache[0][0].shape[1]
    dx = np.zeros((N, T, D))
    dWx, dWh, db = np.zeros((D, H)), np.zeros((H, H)), np.zeros(H)
    dprev = np.zeros((N, H))
    for t in range(T - 1, -1, -1):
        dx_t, dprev, dWx_t, dWh_t, db_t = step_backward(dh[:, t, :] + dprev, cache[t])
        dx[:, t, :] = dx_t
        dWx += dWx_t
        dWh += dWh_t
        db += db_t
    return dx, dprev, dWx, dWh, db
