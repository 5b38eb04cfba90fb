# expect: pass
# The backward staged one graph node at a time (mu, x - mu, its square, var, sqrt, 1/sqrt), on rows
# flattened to 2-D, with a tuple cache of every intermediate.
import numpy as np


def layernorm_forward(x, gamma, beta, eps=1e-5):
    # staged graph, CS231n style, on rows flattened to 2-D
    shape = x.shape
    D = shape[-1]
    x2 = x.reshape(-1, D)
    mu = np.sum(x2, axis=1, keepdims=True) / D
    xmu = x2 - mu
    sq = xmu ** 2
    var = np.sum(sq, axis=1, keepdims=True) / D
    sqrtvar = np.sqrt(var + eps)
    ivar = 1.0 / sqrtvar
    xhat = xmu * ivar
    out = gamma * xhat + beta
    cache = (xhat, gamma, xmu, ivar, sqrtvar, var, eps, shape)
    return out.reshape(shape), cache


def layernorm_backward(d_out, cache):
    xhat, gamma, xmu, ivar, sqrtvar, var, eps, shape = cache
    D = shape[-1]
    dout = d_out.reshape(-1, D)
    dbeta = dout.sum(axis=0)
    dgamma = np.sum(dout * xhat, axis=0)
    dxhat = dout * gamma
    divar = np.sum(dxhat * xmu, axis=1, keepdims=True)
    dxmu1 = dxhat * ivar
    dsqrtvar = -1.0 / (sqrtvar ** 2) * divar
    dvar = 0.5 * 1.0 / np.sqrt(var + eps) * dsqrtvar
    dsq = 1.0 / D * np.ones_like(xmu) * dvar
    dxmu2 = 2 * xmu * dsq
    dx1 = dxmu1 + dxmu2
    dmu = -1 * np.sum(dx1, axis=1, keepdims=True)
    dx2 = 1.0 / D * np.ones_like(xmu) * dmu
    dx = dx1 + dx2
    return dx.reshape(shape), dgamma, dbeta
