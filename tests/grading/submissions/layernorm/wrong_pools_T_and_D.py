# expect: fail
# diagnosis: out = layernorm_forward(x, gamma, beta)[0] is wrong
# diagnosis: likely mistake: the statistics are pooled over T and D together
# Every axis but the batch is normalised together: right for (N, D), wrong per position for (N, T, D).
import numpy as np


def layernorm_forward(x, gamma, beta, eps=1e-5):
    axes = tuple(range(1, x.ndim))
    mu = x.mean(axis=axes, keepdims=True)
    inv_std = 1.0 / np.sqrt(x.var(axis=axes, keepdims=True) + eps)
    x_hat = (x - mu) * inv_std
    return gamma * x_hat + beta, (x_hat, gamma, inv_std)


def layernorm_backward(d_out, cache):
    x_hat, gamma, inv_std = cache
    axes = tuple(range(d_out.ndim - 1))
    g = d_out * gamma
    dx = inv_std * (g - g.mean(axis=-1, keepdims=True) - x_hat * (g * x_hat).mean(axis=-1, keepdims=True))
    return dx, (d_out * x_hat).sum(axis=axes), d_out.sum(axis=axes)
