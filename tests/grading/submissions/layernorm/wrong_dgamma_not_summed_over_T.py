# expect: fail
# diagnosis: dgamma has shape (3, 4), expected (4,)
# diagnosis: likely mistake: summed over the batch axis only — for (N, T, D) input every position contributes too
# Right for (N, D) input; on (N, T, D) the sums over axis 0 leave one row per position.
import numpy as np


def layernorm_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    inv_std = 1.0 / np.sqrt(x.var(axis=-1, keepdims=True) + eps)
    x_hat = (x - mu) * inv_std
    return gamma * x_hat + beta, (x_hat, gamma, inv_std)


def layernorm_backward(d_out, cache):
    x_hat, gamma, inv_std = cache
    g = d_out * gamma
    dx = inv_std * (g - g.mean(axis=-1, keepdims=True) - x_hat * (g * x_hat).mean(axis=-1, keepdims=True))
    return dx, (d_out * x_hat).sum(axis=0), d_out.sum(axis=0)
