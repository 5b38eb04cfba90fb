# expect: pass
# One output position at a time, everything else vectorised with tensordot.
import numpy as np


def conv2d_forward(x, w, b, stride=1, pad=0):
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    x_pad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    H_out = 1 + (H + 2 * pad - HH) // stride
    W_out = 1 + (W + 2 * pad - WW) // stride
    out = np.zeros((N, F, H_out, W_out))
    for i in range(H_out):
        for j in range(W_out):
            window = x_pad[:, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
            out[:, :, i, j] = np.tensordot(window, w, axes=([1, 2, 3], [1, 2, 3])) + b
    return out, (x, w, b, stride, pad)


def conv2d_backward(d_out, cache):
    x, w, b, stride, pad = cache
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    x_pad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    dx_pad = np.zeros_like(x_pad)
    dw = np.zeros_like(w)
    db = d_out.sum(axis=(0, 2, 3))
    for i in range(d_out.shape[2]):
        for j in range(d_out.shape[3]):
            rows = slice(i * stride, i * stride + HH)
            cols = slice(j * stride, j * stride + WW)
            g = d_out[:, :, i, j]  # (N, F)
            dx_pad[:, :, rows, cols] += np.tensordot(g, w, axes=(1, 0))
            dw += np.tensordot(g, x_pad[:, :, rows, cols], axes=(0, 0))
    dx = dx_pad[:, :, pad:pad + H, pad:pad + W]
    return dx, dw, db
