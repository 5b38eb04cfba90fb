# expect: fail
# diagnosis: likely mistake: dw holds only the last example's contribution
# A loop over the batch that assigns dw instead of adding to it.
import numpy as np


def conv2d_forward(x, w, b, stride=1, pad=0):
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    Ho, Wo = (H + 2 * pad - HH) // stride + 1, (W + 2 * pad - WW) // stride + 1
    out = np.zeros((N, F, Ho, Wo))
    for n in range(N):
        for i in range(Ho):
            for j in range(Wo):
                field = xp[n, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
                out[n, :, i, j] = (w * field).sum(axis=(1, 2, 3)) + b
    return out, (xp, w, stride, pad)


def conv2d_backward(d_out, cache):
    xp, w, stride, pad = cache
    N = xp.shape[0]
    F, C, HH, WW = w.shape
    dxp = np.zeros_like(xp)
    for n in range(N):
        dw_n = np.zeros_like(w)
        for i in range(d_out.shape[2]):
            for j in range(d_out.shape[3]):
                r, s = slice(i * stride, i * stride + HH), slice(j * stride, j * stride + WW)
                g = d_out[n, :, i, j][:, None, None, None]
                dxp[n, :, r, s] += (g * w).sum(axis=0)
                dw_n += g * xp[n, :, r, s]
        dw = dw_n
    H, W = xp.shape[2] - 2 * pad, xp.shape[3] - 2 * pad
    return dxp[:, :, pad:pad + H, pad:pad + W], dw, d_out.sum(axis=(0, 2, 3))
