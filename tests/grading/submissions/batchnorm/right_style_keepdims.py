# expect: pass
# Statistics kept as (1, D) rows with keepdims=True, so every broadcast is explicit; the (D,)
# gradients are taken from those rows at the end. Backward follows the three paths through mu and var.
import numpy as np


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    mu = np.mean(x, axis=0, keepdims=True)
    centred = x - mu
    var = np.mean(centred**2, axis=0, keepdims=True)
    std = np.sqrt(var + eps)
    x_hat = centred / std
    out = gamma.reshape(1, -1) * x_hat + beta.reshape(1, -1)
    return out, {"centred": centred, "std": std, "x_hat": x_hat, "gamma": gamma}


def batchnorm_backward(d_out, cache):
    centred, std, x_hat, gamma = cache["centred"], cache["std"], cache["x_hat"], cache["gamma"]
    n = d_out.shape[0]
    dbeta = np.sum(d_out, axis=0, keepdims=True)
    dgamma = np.sum(d_out * x_hat, axis=0, keepdims=True)
    dx_hat = d_out * gamma.reshape(1, -1)
    dvar = np.sum(dx_hat * centred, axis=0, keepdims=True) * -0.5 * std**-3
    dmu = -np.sum(dx_hat, axis=0, keepdims=True) / std + dvar * np.mean(-2.0 * centred, axis=0, keepdims=True)
    dx = dx_hat / std + dvar * 2.0 * centred / n + dmu / n
    return dx, dgamma[0], dbeta[0]
