# expect: fail
# diagnosis: out = batchnorm_forward(x, gamma, beta)[0] is wrong
# diagnosis: likely mistake: the variance is unbiased (ddof=1
import numpy as np


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=0)
    var = x.var(axis=0, ddof=1)
    x_hat = (x - mu) / np.sqrt(var + eps)
    return gamma * x_hat + beta, (x_hat, gamma, var, eps)


def batchnorm_backward(d_out, cache):
    x_hat, gamma, var, eps = cache
    n = d_out.shape[0]
    dx_hat = d_out * gamma
    dx = (n * dx_hat - dx_hat.sum(axis=0) - x_hat * (dx_hat * x_hat).sum(axis=0)) / (n * np.sqrt(var + eps))
    return dx, (d_out * x_hat).sum(axis=0), d_out.sum(axis=0)
