# expect: pass
# One row at a time in a Python loop; backward builds each row's D x D Jacobian of x_hat with
# respect to x explicitly and multiplies by it (slow for big D, but exact).
import numpy as np


def layernorm_forward(x, gamma, beta, eps=1e-5):
    x_hat = np.empty_like(x, dtype=np.float64)
    inv = np.empty(x.shape[:-1])
    for idx in np.ndindex(*x.shape[:-1]):
        row = x[idx]
        c = row - row.sum() / len(row)
        inv[idx] = 1.0 / np.sqrt((c**2).sum() / len(row) + eps)
        x_hat[idx] = c * inv[idx]
    return x_hat * gamma + beta, [x_hat, inv, gamma]


def layernorm_backward(d_out, cache):
    x_hat, inv, gamma = cache
    D = x_hat.shape[-1]
    dx = np.zeros_like(d_out, dtype=np.float64)
    dgamma = np.zeros(D)
    dbeta = np.zeros(D)
    for idx in np.ndindex(*d_out.shape[:-1]):
        h = x_hat[idx]
        jac = inv[idx] * (np.eye(D) - np.ones((D, D)) / D - np.outer(h, h) / D)  # d x_hat_i / d x_j (symmetric)
        dx[idx] = jac.T @ (d_out[idx] * gamma)
        dgamma += d_out[idx] * h
        dbeta += d_out[idx]
    return dx, dgamma, dbeta
