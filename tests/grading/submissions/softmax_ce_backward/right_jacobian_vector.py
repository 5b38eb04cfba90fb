# expect: pass
import numpy as np


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def softmax_cross_entropy_backward(logits, y_onehot):
    # The long way, kept safe: chain through log p instead of p, so nothing divides by p.
    # dL/d(log p_j) = -y_j / N and d(log p_j)/dz_k = delta_jk - p_k.
    n, k = logits.shape
    p = softmax(logits)
    upstream = -y_onehot / n
    dlogp_dz = np.eye(k)[None, :, :] - p[:, None, :]       # (N, K, K), indexed [n, j, k]
    return np.einsum("nj,njk->nk", upstream, dlogp_dz)
