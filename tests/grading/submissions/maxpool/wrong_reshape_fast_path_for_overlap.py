# expect: error
# diagnosis: likely mistake: H // pool assumes windows that do not overlap
import numpy as np


def maxpool_forward(x, pool=2, stride=2):
    # the fast reshape path: only right when the windows tile the map (stride == pool)
    N, C, H, W = x.shape
    Ho, Wo = H // pool, W // pool
    blocks = x[:, :, :Ho * pool, :Wo * pool].reshape(N, C, Ho, pool, Wo, pool).transpose(0, 1, 2, 4, 3, 5)
    flat = blocks.reshape(N, C, Ho, Wo, pool * pool)
    idx = flat.argmax(axis=-1)
    return flat.max(axis=-1), (x.shape, idx, pool)


def maxpool_backward(d_out, cache):
    shape, idx, pool = cache
    N, C, Ho, Wo = d_out.shape
    onehot = (np.arange(pool * pool) == idx[..., None]) * d_out[..., None]
    blocks = onehot.reshape(N, C, Ho, Wo, pool, pool).transpose(0, 1, 2, 4, 3, 5).reshape(N, C, Ho * pool, Wo * pool)
    dx = np.zeros(shape)
    dx[:, :, :Ho * pool, :Wo * pool] = blocks
    return dx
