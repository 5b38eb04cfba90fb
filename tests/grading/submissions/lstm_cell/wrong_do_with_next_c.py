# expect: fail
# diagnosis: likely mistake: the output gate's gradient uses next_c
import numpy as np


def sigmoid(z):
    # exp of a non-positive number only: no overflow whatever the sign of z
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b):
    a = np.dot(x, Wx) + np.dot(prev_h, Wh) + b
    ai, af, ao, ag = np.split(a, 4, axis=1)
    i, f, o, g = sigmoid(ai), sigmoid(af), sigmoid(ao), np.tanh(ag)
    next_c = f * prev_c + i * g
    tanh_c = np.tanh(next_c)
    next_h = o * tanh_c
    return next_h, next_c, (x, prev_h, prev_c, Wx, Wh, i, f, o, g, tanh_c, next_c)


def lstm_step_backward(dnext_h, dnext_c, cache):
    x, prev_h, prev_c, Wx, Wh, i, f, o, g, tanh_c, next_c = cache
    dc = dnext_c + dnext_h * o * (1.0 - tanh_c**2)
    da = np.concatenate([dc * g * i * (1.0 - i),
                         dc * prev_c * f * (1.0 - f),
                         dnext_h * next_c * o * (1.0 - o),
                         dc * i * (1.0 - g**2)], axis=1)
    return da @ Wx.T, da @ Wh.T, dc * f, x.T @ da, prev_h.T @ da, da.sum(axis=0)
