# expect: pass
# The variance as E[x^2] - E[x]^2 (one pass over the data, numerically weaker but right for inputs
# like these), and a backward staged through var and mu, one node of the graph at a time.
import numpy as np


def layernorm_forward(x, gamma, beta, eps=1e-5):
    mean = np.mean(x, axis=-1, keepdims=True)
    var = np.mean(x * x, axis=-1, keepdims=True) - mean**2
    std = np.sqrt(var + eps)
    xn = (x - mean) / std
    return xn * gamma + beta, {"xc": x - mean, "std": std, "xn": xn, "gamma": gamma}


def layernorm_backward(d_out, cache):
    xc, std, xn, gamma = cache["xc"], cache["std"], cache["xn"], cache["gamma"]
    D = d_out.shape[-1]
    flat = d_out.reshape(-1, D)
    dbeta = flat.sum(axis=0)
    dgamma = (flat * xn.reshape(-1, D)).sum(axis=0)
    dxn = d_out * gamma
    dvar = np.sum(dxn * xc, axis=-1, keepdims=True) * (-0.5) / std**3
    dmean = -np.sum(dxn, axis=-1, keepdims=True) / std - 2.0 * dvar * np.mean(xc, axis=-1, keepdims=True)
    dx = dxn / std + dvar * 2.0 * xc / D + dmean / D
    return dx, dgamma, dbeta
