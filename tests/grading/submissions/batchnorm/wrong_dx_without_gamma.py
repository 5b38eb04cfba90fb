# expect: fail
# diagnosis: dx is wrong
# diagnosis: likely mistake: dx is missing the factor gamma
import numpy as np


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    x_hat = (x - mu) / np.sqrt(var + eps)
    return gamma * x_hat + beta, (x_hat, var, eps)


def batchnorm_backward(d_out, cache):
    x_hat, var, eps = cache
    dx = (d_out - d_out.mean(axis=0) - x_hat * (d_out * x_hat).mean(axis=0)) / np.sqrt(var + eps)
    return dx, (d_out * x_hat).sum(axis=0), d_out.sum(axis=0)
