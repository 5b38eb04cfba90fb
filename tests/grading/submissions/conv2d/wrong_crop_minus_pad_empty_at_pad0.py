# expect: fail
# diagnosis: likely mistake: the padding was cropped with pad:-pad
import numpy as np


def conv2d_forward(x, w, b, stride=1, pad=0):
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    Ho = 1 + (H + 2 * pad - HH) // stride
    Wo = 1 + (W + 2 * pad - WW) // stride
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)), mode="constant")
    out = np.zeros((N, F, Ho, Wo))
    for n in range(N):
        for f in range(F):
            for i in range(Ho):
                for j in range(Wo):
                    s = b[f]
                    for c in range(C):
                        for p in range(HH):
                            for q in range(WW):
                                s += w[f, c, p, q] * xp[n, c, i * stride + p, j * stride + q]
                    out[n, f, i, j] = s
    return out, (x, w, b, stride, pad)


def conv2d_backward(d_out, cache):
    x, w, b, stride, pad = cache
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    _, _, Ho, Wo = d_out.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)), mode="constant")
    dxp = np.zeros_like(xp)
    dw = np.zeros_like(w)
    db = np.zeros_like(b)
    for n in range(N):
        for f in range(F):
            for i in range(Ho):
                for j in range(Wo):
                    g = d_out[n, f, i, j]
                    db[f] += g
                    for c in range(C):
                        for p in range(HH):
                            for q in range(WW):
                                dw[f, c, p, q] += g * xp[n, c, i * stride + p, j * stride + q]
                                dxp[n, c, i * stride + p, j * stride + q] += g * w[f, c, p, q]
    dx = dxp[:, :, pad:-pad, pad:-pad]
    return dx, dw, db
