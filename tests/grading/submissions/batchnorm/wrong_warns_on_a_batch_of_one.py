# expect: fail
# diagnosis: batchnorm_forward on a batch of one raised a warning
# The values are right, but forward also keeps the unbiased batch variance (ddof=1) for later: with
# N = 1 that divides by N - 1 = 0, and numpy warns although nothing uses the NaN it gives.
import numpy as np


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    sample_var = x.var(axis=0, ddof=1)  # for a running estimate one day
    x_hat = (x - mu) / np.sqrt(var + eps)
    return gamma * x_hat + beta, (x_hat, gamma, var, eps, sample_var)


def batchnorm_backward(d_out, cache):
    x_hat, gamma, var, eps, _ = cache
    dx_hat = d_out * gamma
    dx = (dx_hat - dx_hat.mean(axis=0) - x_hat * (dx_hat * x_hat).mean(axis=0)) / np.sqrt(var + eps)
    return dx, (d_out * x_hat).sum(axis=0), d_out.sum(axis=0)
