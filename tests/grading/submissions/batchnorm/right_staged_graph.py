# expect: pass
import numpy as np


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    n = x.shape[0]
    mu = np.sum(x, axis=0) / n
    xc = x - mu
    var = np.sum(xc**2, axis=0) / n
    std = np.sqrt(var + eps)
    x_hat = xc / std
    out = gamma * x_hat + beta
    return out, (xc, std, x_hat, gamma)


def batchnorm_backward(d_out, cache):
    # one node of the computation graph at a time, from out back to x
    xc, std, x_hat, gamma = cache
    n = d_out.shape[0]
    dbeta = np.sum(d_out, axis=0)
    dgamma = np.sum(d_out * x_hat, axis=0)
    dx_hat = d_out * gamma
    d_std = -np.sum(dx_hat * xc, axis=0) / std**2
    d_var = 0.5 * d_std / std
    d_xc = dx_hat / std + 2.0 * xc * d_var / n
    d_mu = -np.sum(d_xc, axis=0)
    dx = d_xc + d_mu / n
    return dx, dgamma, dbeta
