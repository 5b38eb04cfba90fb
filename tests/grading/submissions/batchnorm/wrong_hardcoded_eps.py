# expect: fail
# diagnosis: out = batchnorm_forward(x, gamma, beta, eps=0.1)[0] is wrong
# diagnosis: likely mistake: the eps argument is ignored
import numpy as np

EPS = 1e-5


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    x_hat = (x - mu) / np.sqrt(var + EPS)
    return gamma * x_hat + beta, (x_hat, gamma, var)


def batchnorm_backward(d_out, cache):
    x_hat, gamma, var = cache
    dx_hat = d_out * gamma
    dx = (dx_hat - dx_hat.mean(axis=0) - x_hat * (dx_hat * x_hat).mean(axis=0)) / np.sqrt(var + EPS)
    return dx, (d_out * x_hat).sum(axis=0), d_out.sum(axis=0)
