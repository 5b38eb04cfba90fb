# expect: fail
# diagnosis: dx is wrong
import numpy as np


def layernorm_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    inv = 1.0 / np.sqrt(var + eps)
    xhat = (x - mu) * inv
    return gamma * xhat + beta, (xhat, inv, gamma)


def layernorm_backward(d_out, cache):
    # adapted from batchnorm: divides by the batch size instead of the feature count
    xhat, inv, gamma = cache
    N = xhat.shape[0]
    red = tuple(range(d_out.ndim - 1))
    g = d_out * gamma
    dx = inv / N * (N * g - g.sum(axis=-1, keepdims=True) - xhat * (g * xhat).sum(axis=-1, keepdims=True))
    return dx, (d_out * xhat).sum(axis=red), d_out.sum(axis=red)
