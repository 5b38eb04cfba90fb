# expect: pass
# The sigmoid written through tanh (stable for any z), einsum products, and a cache that keeps only
# the inputs and the pre-activation: backward recomputes the gates from a.
import numpy as np


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _gates(a):
    ai, af, ao, ag = np.split(a, 4, axis=1)
    return sigmoid(ai), sigmoid(af), sigmoid(ao), np.tanh(ag)


def lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b):
    a = np.einsum("nd,dk->nk", x, Wx) + np.einsum("nh,hk->nk", prev_h, Wh) + b
    i, f, o, g = _gates(a)
    c = f * prev_c + i * g
    return o * np.tanh(c), c, (x, prev_h, prev_c, Wx, Wh, a)


def lstm_step_backward(dnext_h, dnext_c, cache):
    x, prev_h, prev_c, Wx, Wh, a = cache
    i, f, o, g = _gates(a)
    c = f * prev_c + i * g
    sech2 = 1.0 / np.cosh(c) ** 2
    dc = dnext_c + dnext_h * o * sech2
    grads = [dc * g, dc * prev_c, dnext_h * np.tanh(c), dc * i]
    local = [i - i * i, f - f * f, o - o * o, 1.0 - g * g]
    da = np.hstack([u * v for u, v in zip(grads, local, strict=True)])
    return (np.einsum("nk,dk->nd", da, Wx), np.einsum("nk,hk->nh", da, Wh), f * dc,
            np.einsum("nd,nk->dk", x, da), np.einsum("nh,nk->hk", prev_h, da), np.einsum("nk->k", da))
