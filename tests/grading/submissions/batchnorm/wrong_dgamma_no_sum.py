# expect: fail
# diagnosis: dgamma has shape (8, 3), expected (3,)
# diagnosis: likely mistake: a missing sum over the batch axis
import numpy as np


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    x_hat = (x - mu) / np.sqrt(var + eps)
    return gamma * x_hat + beta, (x_hat, gamma, var, eps)


def batchnorm_backward(d_out, cache):
    x_hat, gamma, var, eps = cache
    dx_hat = d_out * gamma
    dx = (dx_hat - dx_hat.mean(axis=0) - x_hat * (dx_hat * x_hat).mean(axis=0)) / np.sqrt(var + eps)
    return dx, d_out * x_hat, d_out.sum(axis=0)
