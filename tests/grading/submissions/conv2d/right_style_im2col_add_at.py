# expect: pass
# im2col by fancy indexing (rows in (c, p, q) order), one matmul forward, and col2im by np.add.at;
# the cache keeps the unrolled columns rather than x.
import numpy as np


def _indices(C, HH, WW, Ho, Wo, stride):
    # row k of cols: (c, p, q) in C order; column l: (i, j)
    c = np.repeat(np.arange(C), HH * WW)
    p = np.tile(np.repeat(np.arange(HH), WW), C)
    q = np.tile(np.arange(WW), C * HH)
    i = np.repeat(np.arange(Ho), Wo) * stride
    j = np.tile(np.arange(Wo), Ho) * stride
    return c[:, None], p[:, None] + i[None, :], q[:, None] + j[None, :]


def conv2d_forward(x, w, b, stride=1, pad=0):
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    Ho = (H + 2 * pad - HH) // stride + 1
    Wo = (W + 2 * pad - WW) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    k, r, s = _indices(C, HH, WW, Ho, Wo, stride)
    cols = xp[:, k, r, s]  # (N, C*HH*WW, Ho*Wo)
    out = w.reshape(F, -1) @ cols + b[:, None]
    return out.reshape(N, F, Ho, Wo), (x.shape, cols, w, stride, pad)


def conv2d_backward(d_out, cache):
    xshape, cols, w, stride, pad = cache
    N, C, H, W = xshape
    F, _, HH, WW = w.shape
    Ho, Wo = d_out.shape[2:]
    d = d_out.reshape(N, F, Ho * Wo)
    db = d.sum(axis=(0, 2))
    dw = np.einsum("nfl,nkl->fk", d, cols).reshape(w.shape)
    dcols = w.reshape(F, -1).T @ d  # (N, K, L)
    dxp = np.zeros((N, C, H + 2 * pad, W + 2 * pad))
    k, r, s = _indices(C, HH, WW, Ho, Wo, stride)
    np.add.at(dxp, (slice(None), k, r, s), dcols)
    return dxp[:, :, pad:pad + H, pad:pad + W], dw, db
