# expect: fail
# diagnosis: likely mistake: the statistics are taken over axis=1
import numpy as np


def layernorm_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=1, keepdims=True)
    var = x.var(axis=1, keepdims=True)
    inv = 1.0 / np.sqrt(var + eps)
    xhat = (x - mu) * inv
    return gamma * xhat + beta, (xhat, inv, gamma)


def layernorm_backward(d_out, cache):
    xhat, inv, gamma = cache
    D = xhat.shape[-1]
    red = tuple(range(d_out.ndim - 1))
    dgamma = (d_out * xhat).sum(axis=red)
    dbeta = d_out.sum(axis=red)
    g = d_out * gamma
    dx = inv / D * (D * g - g.sum(axis=1, keepdims=True) - xhat * (g * xhat).sum(axis=1, keepdims=True))
    return dx, dgamma, dbeta
