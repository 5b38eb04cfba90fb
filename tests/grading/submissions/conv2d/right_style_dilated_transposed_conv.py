# expect: pass
# The backward as convolutions: dw correlates the padded input with the stride-dilated d_out, dx is the
# full correlation of the dilated d_out with the 180-degree-rotated kernel, then cropped.
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _correlate(xp, w, stride):
    win = sliding_window_view(xp, w.shape[2:], axis=(2, 3))[:, :, ::stride, ::stride]
    return np.tensordot(win, w, axes=([1, 4, 5], [1, 2, 3])).transpose(0, 3, 1, 2)


def conv2d_forward(x, w, b, stride=1, pad=0):
    xp = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    out = _correlate(xp, w, stride) + b.reshape(1, -1, 1, 1)
    return out, {"x": x, "w": w, "stride": stride, "pad": pad}


def conv2d_backward(d_out, cache):
    x, w, s, pad = cache["x"], cache["w"], cache["stride"], cache["pad"]
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    Ho, Wo = d_out.shape[2:]
    db = d_out.sum(axis=(0, 2, 3))
    # dilate d_out by the stride: zeros between its entries, to the padded input's extent minus the kernel
    dil = np.zeros((N, F, (Ho - 1) * s + 1, (Wo - 1) * s + 1))
    dil[:, :, ::s, ::s] = d_out
    # dw: correlate the padded input with the dilated gradient
    xp = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    win = sliding_window_view(xp, dil.shape[2:], axis=(2, 3))  # (N, C, HH, WW, dh, dw)
    dw = np.einsum("ncpqab,nfab->fcpq", win, dil)
    # dx: full correlation of the dilated gradient with the kernel rotated by 180 degrees
    full = np.pad(dil, [(0, 0), (0, 0), (HH - 1, HH - 1), (WW - 1, WW - 1)])
    w_rot = w[:, :, ::-1, ::-1].transpose(1, 0, 2, 3)  # (C, F, HH, WW)
    dxp = _correlate(full, w_rot, 1)  # (N, C, H + 2 pad, W + 2 pad)
    return dxp[:, :, pad:pad + H, pad:pad + W], dw, db
