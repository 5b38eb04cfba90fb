"""Reference: a 2-D convolution layer (cross-correlation, zero padding, stride) via im2col."""

import numpy as np


def _patch_indices(c, hp, wp, hh, ww, stride):
    """Index arrays that gather every receptive field of a padded (C, Hp, Wp) input as a column."""
    ho, wo = (hp - hh) // stride + 1, (wp - ww) // stride + 1
    chan = np.repeat(np.arange(c), hh * ww)[:, None]                      # (K, 1), K = C * HH * WW
    k_row = np.tile(np.repeat(np.arange(hh), ww), c)[:, None]             # offset inside the kernel
    k_col = np.tile(np.arange(ww), hh * c)[:, None]
    rows = k_row + stride * np.repeat(np.arange(ho), wo)[None, :]         # (K, L), L = H' * W'
    cols = k_col + stride * np.tile(np.arange(wo), ho)[None, :]
    return (chan, rows, cols), ho, wo


def conv2d_forward(x, w, b, stride=1, pad=0):
    n, c, h, wd = x.shape
    f, _, hh, ww = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    idx, ho, wo = _patch_indices(c, h + 2 * pad, wd + 2 * pad, hh, ww, stride)
    patches = xp[:, idx[0], idx[1], idx[2]]                                # (N, K, L)
    out = w.reshape(f, -1) @ patches + b[:, None]                          # (N, F, L)
    return out.reshape(n, f, ho, wo), (x.shape, w, pad, idx, patches)


def conv2d_backward(d_out, cache):
    x_shape, w, pad, idx, patches = cache
    n, f = d_out.shape[:2]
    n, c, h, wd = x_shape
    g = d_out.reshape(n, f, -1)                                            # (N, F, L)
    db = g.sum(axis=(0, 2))
    dw = np.einsum("nfl,nkl->fk", g, patches).reshape(w.shape)
    d_patches = w.reshape(f, -1).T @ g                                     # (N, K, L)
    dxp = np.zeros((n, c, h + 2 * pad, wd + 2 * pad))
    # receptive fields overlap when stride < kernel: np.add.at adds every contribution
    np.add.at(dxp, (slice(None), idx[0], idx[1], idx[2]), d_patches)
    return dxp[:, :, pad:pad + h, pad:pad + wd], dw, db
