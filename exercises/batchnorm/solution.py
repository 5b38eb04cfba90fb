"""Reference: batch normalization in training mode, forward and backward."""

import numpy as np


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=0)
    var = x.var(axis=0)  # biased: divides by N
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mu) * inv_std
    return gamma * x_hat + beta, (x_hat, gamma, inv_std)


def batchnorm_backward(d_out, cache):
    x_hat, gamma, inv_std = cache
    dbeta = d_out.sum(axis=0)
    dgamma = (d_out * x_hat).sum(axis=0)
    dx_hat = d_out * gamma
    dx = inv_std * (dx_hat - dx_hat.mean(axis=0) - x_hat * (dx_hat * x_hat).mean(axis=0))
    return dx, dgamma, dbeta
