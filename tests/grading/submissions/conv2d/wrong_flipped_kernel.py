# expect: fail
# diagnosis: likely mistake: the kernel is flipped (a true convolution)
# The textbook definition of convolution flips the kernel; a conv layer does not.
import numpy as np


def conv2d_forward(x, w, b, stride=1, pad=0):
    wf = w[:, :, ::-1, ::-1]
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    Ho, Wo = (H + 2 * pad - HH) // stride + 1, (W + 2 * pad - WW) // stride + 1
    out = np.zeros((N, F, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[:, :, i, j] = np.einsum("ncpq,fcpq->nf", xp[:, :, i * stride:i * stride + HH, j * stride:j * stride + WW], wf) + b
    return out, (xp, wf, stride, pad)


def conv2d_backward(d_out, cache):
    xp, wf, stride, pad = cache
    _, _, HH, WW = wf.shape
    dxp, dwf = np.zeros_like(xp), np.zeros_like(wf)
    for i in range(d_out.shape[2]):
        for j in range(d_out.shape[3]):
            r, s = slice(i * stride, i * stride + HH), slice(j * stride, j * stride + WW)
            dxp[:, :, r, s] += np.einsum("nf,fcpq->ncpq", d_out[:, :, i, j], wf)
            dwf += np.einsum("nf,ncpq->fcpq", d_out[:, :, i, j], xp[:, :, r, s])
    H, W = xp.shape[2] - 2 * pad, xp.shape[3] - 2 * pad
    return dxp[:, :, pad:pad + H, pad:pad + W], dwf[:, :, ::-1, ::-1], d_out.sum(axis=(0, 2, 3))
