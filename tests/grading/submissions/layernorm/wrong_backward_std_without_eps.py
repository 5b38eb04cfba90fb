# expect: fail
# diagnosis: dx is wrong
# diagnosis: likely mistake: dx divides by the standard deviation without eps
import numpy as np


def layernorm_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    xhat = (x - mu) / np.sqrt(var + eps)
    return gamma * xhat + beta, (x, xhat, gamma)


def layernorm_backward(d_out, cache):
    x, xhat, gamma = cache
    D = x.shape[-1]
    std = x.std(axis=-1, keepdims=True) + 1e-12  # forgot eps here
    red = tuple(range(d_out.ndim - 1))
    g = d_out * gamma
    dx = (D * g - g.sum(axis=-1, keepdims=True) - xhat * (g * xhat).sum(axis=-1, keepdims=True)) / (D * std)
    return dx, (d_out * xhat).sum(axis=red), d_out.sum(axis=red)
