# expect: pass
import numpy as np


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    mu = np.mean(x, axis=0, keepdims=True)
    var = np.mean((x - mu) ** 2, axis=0, keepdims=True)
    inv_std = (var + eps) ** -0.5
    x_hat = (x - mu) * inv_std
    return x_hat * gamma[None, :] + beta[None, :], {"x_hat": x_hat, "inv_std": inv_std, "gamma": gamma}


def batchnorm_backward(d_out, cache):
    x_hat, inv_std, gamma = cache["x_hat"], cache["inv_std"], cache["gamma"]
    n = len(d_out)
    g = d_out * gamma
    dx = inv_std / n * (n * g - g.sum(axis=0) - x_hat * np.einsum("nd,nd->d", g, x_hat))
    return dx, np.einsum("nd,nd->d", d_out, x_hat), d_out.sum(axis=0)
