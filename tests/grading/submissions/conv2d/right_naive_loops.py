# expect: pass
# Six nested loops, one multiply-add at a time, in forward and in backward: slow, but the shapes in
# the checks are small, so it must pass well within the time limit.
import numpy as np


def conv2d_forward(x, w, b, stride=1, pad=0):
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    xp = np.zeros((N, C, H + 2 * pad, W + 2 * pad))
    xp[:, :, pad:pad + H, pad:pad + W] = x
    Ho = (H + 2 * pad - HH) // stride + 1
    Wo = (W + 2 * pad - WW) // stride + 1
    out = np.zeros((N, F, Ho, Wo))
    for n in range(N):
        for f in range(F):
            for i in range(Ho):
                for j in range(Wo):
                    total = b[f]
                    for c in range(C):
                        for p in range(HH):
                            for q in range(WW):
                                total += w[f, c, p, q] * xp[n, c, i * stride + p, j * stride + q]
                    out[n, f, i, j] = total
    return out, (xp, w, stride, pad)


def conv2d_backward(d_out, cache):
    xp, w, stride, pad = cache
    N, C, Hp, Wp = xp.shape
    F, _, HH, WW = w.shape
    _, _, Ho, Wo = d_out.shape
    dxp = np.zeros_like(xp)
    dw = np.zeros_like(w)
    db = np.zeros(F)
    for n in range(N):
        for f in range(F):
            for i in range(Ho):
                for j in range(Wo):
                    g = d_out[n, f, i, j]
                    db[f] += g
                    for c in range(C):
                        for p in range(HH):
                            for q in range(WW):
                                dxp[n, c, i * stride + p, j * stride + q] += g * w[f, c, p, q]
                                dw[f, c, p, q] += g * xp[n, c, i * stride + p, j * stride + q]
    return dxp[:, :, pad:Hp - pad, pad:Wp - pad], dw, db
