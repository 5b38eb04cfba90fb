# expect: pass
# The sigmoid as 0.5 * (1 + tanh(z / 2)); the cache holds only the inputs and backward recomputes the
# gates, tanh' written as 1 / cosh**2, the products as einsum.
import numpy as np


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b):
    next_h, next_c, _ = _forward(x, prev_h, prev_c, Wx, Wh, b)
    return next_h, next_c, (x, prev_h, prev_c, Wx, Wh, b)


def _forward(x, prev_h, prev_c, Wx, Wh, b):
    a = x @ Wx + prev_h @ Wh + b
    ai, af, ao, ag = np.split(a, 4, axis=1)
    i, f, o, g = sigmoid(ai), sigmoid(af), sigmoid(ao), np.tanh(ag)
    next_c = f * prev_c + i * g
    return o * np.tanh(next_c), next_c, (i, f, o, g)


def lstm_step_backward(dnext_h, dnext_c, cache):
    x, prev_h, prev_c, Wx, Wh, b = cache  # recompute everything
    _, next_c, (i, f, o, g) = _forward(x, prev_h, prev_c, Wx, Wh, b)
    t = np.tanh(next_c)
    dc = dnext_c + dnext_h * o / np.cosh(next_c) ** 2
    parts = [dc * g * i * (1 - i), dc * prev_c * f * (1 - f), dnext_h * t * o * (1 - o), dc * i * (1 - g * g)]
    da = np.concatenate(parts, axis=1)
    dx = np.einsum("nk,dk->nd", da, Wx)
    dprev_h = np.einsum("nk,hk->nh", da, Wh)
    dWx = np.einsum("nd,nk->dk", x, da)
    dWh = np.einsum("nh,nk->hk", prev_h, da)
    return dx, dprev_h, dc * f, dWx, dWh, np.einsum("nk->k", da)
