# expect: pass
# Plain Python loops over every index, no matrix products at all: slow, but right.
import numpy as np


def rnn_forward(x, h0, Wx, Wh, b):
    N, T, D = x.shape
    H = h0.shape[1]
    h = np.zeros((N, T, H))
    for n in range(N):
        for t in range(T):
            for j in range(H):
                s = b[j]
                for d in range(D):
                    s += x[n, t, d] * Wx[d, j]
                for k in range(H):
                    s += (h[n, t - 1, k] if t > 0 else h0[n, k]) * Wh[k, j]
                h[n, t, j] = np.tanh(s)
    return h, [x, h0, Wx, Wh, h]


def rnn_backward(dh, cache):
    x, h0, Wx, Wh, h = cache
    N, T, D = x.shape
    H = h0.shape[1]
    dx, dh0 = np.zeros((N, T, D)), np.zeros((N, H))
    dWx, dWh, db = np.zeros((D, H)), np.zeros((H, H)), np.zeros(H)
    for n in range(N):
        carry = [0.0] * H
        for t in reversed(range(T)):
            da = [(dh[n, t, j] + carry[j]) * (1 - h[n, t, j] ** 2) for j in range(H)]
            for j in range(H):
                db[j] += da[j]
                for d in range(D):
                    dx[n, t, d] += Wx[d, j] * da[j]
                    dWx[d, j] += x[n, t, d] * da[j]
                for k in range(H):
                    dWh[k, j] += (h[n, t - 1, k] if t > 0 else h0[n, k]) * da[j]
            carry = [sum(Wh[k, j] * da[j] for j in range(H)) for k in range(H)]
        dh0[n] = carry
    return dx, dh0, dWx, dWh, db
