# expect: fail
# diagnosis: out = batchnorm_forward(x, gamma, beta)[0] is wrong
# diagnosis: likely mistake: eps is added outside the square root
import numpy as np


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=0)
    std = np.sqrt(x.var(axis=0)) + eps
    x_hat = (x - mu) / std
    return gamma * x_hat + beta, (x_hat, gamma, std)


def batchnorm_backward(d_out, cache):
    x_hat, gamma, std = cache
    dx_hat = d_out * gamma
    dx = (dx_hat - dx_hat.mean(axis=0) - x_hat * (dx_hat * x_hat).mean(axis=0)) / std
    return dx, (d_out * x_hat).sum(axis=0), d_out.sum(axis=0)
