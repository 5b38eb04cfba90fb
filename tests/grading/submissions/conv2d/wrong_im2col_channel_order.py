# expect: fail
# diagnosis: likely mistake: the unrolled windows and the reshaped filters order their entries differently
import numpy as np


def conv2d_forward(x, w, b, stride=1, pad=0):
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    Ho = (H + 2 * pad - HH) // stride + 1
    Wo = (W + 2 * pad - WW) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    cols = np.empty((N, Ho, Wo, HH * WW * C))
    for i in range(Ho):
        for j in range(Wo):
            patch = xp[:, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
            cols[:, i, j] = patch.transpose(0, 2, 3, 1).reshape(N, -1)  # (p, q, c) order
    wm = w.reshape(F, -1)  # (c, p, q) order: does not match the columns
    out = cols @ wm.T + b
    return out.transpose(0, 3, 1, 2), (x, w, cols, stride, pad)


def conv2d_backward(d_out, cache):
    x, w, cols, stride, pad = cache
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    d = d_out.transpose(0, 2, 3, 1)  # (N, Ho, Wo, F)
    db = d.sum(axis=(0, 1, 2))
    dw = np.einsum("nijf,nijk->fk", d, cols).reshape(w.shape)
    dcols = d @ w.reshape(F, -1)
    dxp = np.zeros((N, C, H + 2 * pad, W + 2 * pad))
    for i in range(d.shape[1]):
        for j in range(d.shape[2]):
            dxp[:, :, i * stride:i * stride + HH, j * stride:j * stride + WW] += (
                dcols[:, i, j].reshape(N, HH, WW, C).transpose(0, 3, 1, 2))
    return dxp[:, :, pad:pad + H, pad:pad + W], dw, db
