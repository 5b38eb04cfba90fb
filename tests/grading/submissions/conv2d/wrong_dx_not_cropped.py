# expect: fail
# diagnosis: dx has shape (2, 3, 7, 8), the padded shape; expected x's shape (2, 3, 5, 6)
# diagnosis: the padding was not cropped off dx
import numpy as np


def conv2d_forward(x, w, b, stride=1, pad=0):
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    Ho, Wo = (H + 2 * pad - HH) // stride + 1, (W + 2 * pad - WW) // stride + 1
    out = np.zeros((N, F, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            field = xp[:, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
            out[:, :, i, j] = np.tensordot(field, w, axes=([1, 2, 3], [1, 2, 3])) + b
    return out, (x, xp, w, stride, pad)


def conv2d_backward(d_out, cache):
    x, xp, w, stride, pad = cache
    _, _, HH, WW = w.shape
    dxp, dw = np.zeros_like(xp), np.zeros_like(w)
    for i in range(d_out.shape[2]):
        for j in range(d_out.shape[3]):
            r, s = slice(i * stride, i * stride + HH), slice(j * stride, j * stride + WW)
            dxp[:, :, r, s] += np.tensordot(d_out[:, :, i, j], w, axes=(1, 0))
            dw += np.tensordot(d_out[:, :, i, j], xp[:, :, r, s], axes=(0, 0))
    return dxp, dw, d_out.sum(axis=(0, 2, 3))  # the gradient of the padded input, returned as it is
