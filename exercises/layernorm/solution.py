"""Reference: layer normalization over the last axis, forward and backward."""

import numpy as np


def layernorm_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)  # biased: divides by D
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mu) * inv_std
    return gamma * x_hat + beta, (x_hat, gamma, inv_std)


def layernorm_backward(d_out, cache):
    x_hat, gamma, inv_std = cache
    leading = tuple(range(d_out.ndim - 1))  # every axis but the features
    dbeta = d_out.sum(axis=leading)
    dgamma = (d_out * x_hat).sum(axis=leading)
    g = d_out * gamma
    dx = inv_std * (g - g.mean(axis=-1, keepdims=True) - x_hat * (g * x_hat).mean(axis=-1, keepdims=True))
    return dx, dgamma, dbeta
