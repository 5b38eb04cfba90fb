# expect: pass
# Layer norm as batch norm on the transposed (D, rows) matrix; the cache keeps only copies of x and
# gamma and the backward recomputes x_hat, with einsum for the parameter sums.
import numpy as np


def _bn_fwd(xt, eps):
    # normalise columns of xt (D, M) -- batchnorm on transposed input
    mu = xt.mean(axis=0)
    var = ((xt - mu) ** 2).mean(axis=0)
    xhat = (xt - mu) / np.sqrt(var + eps)
    return xhat, var


def layernorm_forward(x, gamma, beta, eps=1e-5):
    D = x.shape[-1]
    xt = x.reshape(-1, D).T.copy()
    xhat_t, var = _bn_fwd(xt, eps)
    xhat = xhat_t.T
    out = xhat * gamma + beta
    cache = {"x": x.copy(), "gamma": gamma.copy(), "eps": eps}
    return out.reshape(x.shape), cache


def layernorm_backward(d_out, cache):
    # recompute everything from x
    x, gamma, eps = cache["x"], cache["gamma"], cache["eps"]
    D = x.shape[-1]
    xt = x.reshape(-1, D).T
    xhat_t, var = _bn_fwd(xt, eps)
    dout = d_out.reshape(-1, D)
    dgamma = np.einsum("md,dm->d", dout, xhat_t)
    dbeta = np.einsum("md->d", dout)
    dxhat_t = (dout * gamma).T  # (D, M)
    M = D
    inv = 1.0 / np.sqrt(var + eps)
    dxt = (1.0 / M) * inv * (M * dxhat_t - dxhat_t.sum(axis=0) - xhat_t * (dxhat_t * xhat_t).sum(axis=0))
    return dxt.T.reshape(x.shape), dgamma, dbeta
