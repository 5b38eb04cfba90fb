# expect: pass
# The cache is a closure: forward returns the function that computes the gradients.
import numpy as np


def layernorm_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    inv = 1.0 / np.sqrt(((x - mu) ** 2).mean(axis=-1, keepdims=True) + eps)
    xhat = (x - mu) * inv

    def back(d_out):  # the cache is the backward itself
        lead = tuple(range(x.ndim - 1))
        g = d_out * gamma
        dx = inv * (g - g.mean(-1, keepdims=True) - xhat * (g * xhat).mean(-1, keepdims=True))
        return dx, (d_out * xhat).sum(axis=lead), d_out.sum(axis=lead)

    return gamma * xhat + beta, back


def layernorm_backward(d_out, cache):
    return cache(d_out)
