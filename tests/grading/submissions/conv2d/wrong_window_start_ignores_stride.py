# expect: fail
# diagnosis: likely mistake: the windows start at row i and column j instead of i * stride
import numpy as np


def conv2d_forward(x, w, b, stride=1, pad=0):
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    Ho = 1 + (H + 2 * pad - HH) // stride
    Wo = 1 + (W + 2 * pad - WW) // stride
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    out = np.zeros((N, F, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            patch = xp[:, :, i:i + HH, j:j + WW]  # window start forgets the stride
            out[:, :, i, j] = np.tensordot(patch, w, axes=([1, 2, 3], [1, 2, 3])) + b
    return out, (xp, w, stride, pad)


def conv2d_backward(d_out, cache):
    xp, w, stride, pad = cache
    F, _, HH, WW = w.shape
    dxp = np.zeros_like(xp)
    dw = np.zeros_like(w)
    for i in range(d_out.shape[2]):
        for j in range(d_out.shape[3]):
            g = d_out[:, :, i, j]
            dw += np.tensordot(g, xp[:, :, i:i + HH, j:j + WW], axes=([0], [0]))
            dxp[:, :, i:i + HH, j:j + WW] += np.tensordot(g, w, axes=([1], [0]))
    H, W = xp.shape[2] - 2 * pad, xp.shape[3] - 2 * pad
    return dxp[:, :, pad:pad + H, pad:pad + W], dw, d_out.sum(axis=(0, 2, 3))
