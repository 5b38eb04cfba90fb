# expect: fail
# diagnosis: dgamma has shape (1, 3), expected (3,)
# diagnosis: keepdims=True (or [None], or a reshape) kept the reduced axis
# Right numbers, but dgamma and dbeta keep the batch axis that keepdims=True leaves behind.
import numpy as np


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=0)
    var = ((x - mu) ** 2).mean(axis=0)
    x_hat = (x - mu) / np.sqrt(var + eps)
    return gamma * x_hat + beta, (x_hat, gamma, np.sqrt(var + eps))


def batchnorm_backward(d_out, cache):
    x_hat, gamma, std = cache
    n = d_out.shape[0]
    dbeta = d_out.sum(axis=0, keepdims=True)
    dgamma = (d_out * x_hat).sum(axis=0, keepdims=True)
    g = d_out * gamma
    dx = (n * g - g.sum(axis=0) - x_hat * (g * x_hat).sum(axis=0)) / (n * std)
    return dx, dgamma, dbeta
