# expect: fail
# diagnosis: your function modified its input `x` in place
import numpy as np


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    x -= x.mean(axis=0)  # centre without allocating a copy — but this x is the caller's array
    var = (x**2).mean(axis=0)
    x_hat = x / np.sqrt(var + eps)
    return gamma * x_hat + beta, (x_hat, gamma, var, eps)


def batchnorm_backward(d_out, cache):
    x_hat, gamma, var, eps = cache
    dx_hat = d_out * gamma
    dx = (dx_hat - dx_hat.mean(axis=0) - x_hat * (dx_hat * x_hat).mean(axis=0)) / np.sqrt(var + eps)
    return dx, (d_out * x_hat).sum(axis=0), d_out.sum(axis=0)
