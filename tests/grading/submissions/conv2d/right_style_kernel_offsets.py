# expect: pass
# Sum over the kernel offsets instead of the output positions: for each (p, q) the inputs it meets
# form one strided slice of the padded x, so forward is HH * WW matrix products.
import numpy as np


def conv2d_forward(x, w, b, stride=1, pad=0):
    F, C, HH, WW = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    Ho = (xp.shape[2] - HH) // stride + 1
    Wo = (xp.shape[3] - WW) // stride + 1
    out = np.broadcast_to(b[None, :, None, None], (x.shape[0], F, Ho, Wo)).copy()
    for p in range(HH):
        for q in range(WW):
            part = xp[:, :, p:p + stride * Ho:stride, q:q + stride * Wo:stride]  # (N, C, Ho, Wo)
            out += np.einsum("fc,nchw->nfhw", w[:, :, p, q], part)
    return out, (xp, w, stride, pad)


def conv2d_backward(d_out, cache):
    xp, w, stride, pad = cache
    F, C, HH, WW = w.shape
    Ho, Wo = d_out.shape[2:]
    dxp = np.zeros(xp.shape)
    dw = np.zeros(w.shape)
    for p in range(HH):
        for q in range(WW):
            part = xp[:, :, p:p + stride * Ho:stride, q:q + stride * Wo:stride]
            dw[:, :, p, q] = np.einsum("nfhw,nchw->fc", d_out, part)
            dxp[:, :, p:p + stride * Ho:stride, q:q + stride * Wo:stride] += np.einsum("fc,nfhw->nchw", w[:, :, p, q], d_out)
    H, W = xp.shape[2] - 2 * pad, xp.shape[3] - 2 * pad
    return dxp[:, :, pad:pad + H, pad:pad + W], dw, np.sum(d_out, axis=(0, 2, 3))
