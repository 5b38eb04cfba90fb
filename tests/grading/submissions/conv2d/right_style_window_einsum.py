# expect: pass
# Strided window views and einsum: forward and dw read the windows, dx is built one kernel offset
# (p, q) at a time, each offset a strided slice of the padded gradient.
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d_forward(x, w, b, stride=1, pad=0):
    xp = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)], mode="constant")
    win = sliding_window_view(xp, w.shape[2:], axis=(2, 3))[:, :, ::stride, ::stride]  # (N, C, H', W', HH, WW)
    out = np.einsum("nchwpq,fcpq->nfhw", win, w) + b.reshape(1, -1, 1, 1)
    return out, {"x_shape": x.shape, "win": win, "w": w, "stride": stride, "pad": pad}


def conv2d_backward(d_out, cache):
    n, c, h, wd = cache["x_shape"]
    w, s, pad = cache["w"], cache["stride"], cache["pad"]
    _, _, hh, ww = w.shape
    ho, wo = d_out.shape[2:]
    db = np.einsum("nfhw->f", d_out)
    dw = np.einsum("nfhw,nchwpq->fcpq", d_out, cache["win"])
    dxp = np.zeros((n, c, h + 2 * pad, wd + 2 * pad))
    for p in range(hh):
        for q in range(ww):
            dxp[:, :, p:p + s * (ho - 1) + 1:s, q:q + s * (wo - 1) + 1:s] += np.einsum("nfhw,fc->nchw", d_out, w[:, :, p, q])
    return dxp[:, :, pad:pad + h, pad:pad + wd], dw, db
