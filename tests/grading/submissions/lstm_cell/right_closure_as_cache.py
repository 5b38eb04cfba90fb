# expect: pass
# The cache is a closure over the forward's gates, and the sigmoid is exp(-logaddexp(0, -z)).
import numpy as np


def sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -z))


def lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b):
    H = prev_h.shape[1]
    a = x @ Wx + prev_h @ Wh + b
    i, f, o = (sigmoid(a[:, k * H:(k + 1) * H]) for k in range(3))
    g = np.tanh(a[:, 3 * H:])
    next_c = f * prev_c + i * g
    t = np.tanh(next_c)
    next_h = o * t

    def backward(dnext_h, dnext_c):
        dc = dnext_c + dnext_h * o * (1 - t * t)
        da = np.concatenate([dc * g * i * (1 - i), dc * prev_c * f * (1 - f), dnext_h * t * o * (1 - o),
                             dc * i * (1 - g * g)], axis=1)
        return da @ Wx.T, da @ Wh.T, dc * f, x.T @ da, prev_h.T @ da, da.sum(0)

    return next_h, next_c, backward


def lstm_step_backward(dnext_h, dnext_c, cache):
    return cache(dnext_h, dnext_c)
