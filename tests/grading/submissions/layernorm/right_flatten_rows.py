# expect: pass
# Every input is flattened to a matrix of rows (M, D) first, so one 2-D implementation serves both
# ranks; the cache is a tuple with the original shape in it.
import numpy as np


def layernorm_forward(x, gamma, beta, eps=1e-5):
    shape = x.shape
    rows = x.reshape(-1, shape[-1])
    mu = rows.mean(axis=1)[:, None]
    sd = np.sqrt(rows.var(axis=1) + eps)[:, None]
    xhat = (rows - mu) / sd
    out = (xhat * gamma[None, :] + beta[None, :]).reshape(shape)
    return out, (xhat, sd, gamma, shape)


def layernorm_backward(d_out, cache):
    xhat, sd, gamma, shape = cache
    d = d_out.reshape(xhat.shape)
    D = xhat.shape[1]
    dxhat = d * gamma
    dx = (D * dxhat - dxhat.sum(axis=1, keepdims=True) - xhat * np.sum(dxhat * xhat, axis=1, keepdims=True)) / (D * sd)
    return dx.reshape(shape), np.einsum("md,md->d", d, xhat), np.einsum("md->d", d)
