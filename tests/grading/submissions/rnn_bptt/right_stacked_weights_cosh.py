# expect: pass
# One stacked weight [Wx; Wh] applied to [x_t, h_{t-1}], the pre-activation cached and tanh' written
# as 1 / cosh(a)**2; the stacked gradient split back into dWx and dWh.
import numpy as np


def rnn_forward(x, h0, Wx, Wh, b):
    W = np.vstack([Wx, Wh])  # (D + H, H): one product of [x_t, h_{t-1}]
    N, T, D = x.shape
    H = h0.shape[1]
    h = np.empty((N, T, H))
    a = np.empty((N, T, H))
    prev = h0
    for t in range(T):
        z = np.concatenate([x[:, t], prev], axis=1)
        a[:, t] = z @ W + b
        prev = h[:, t] = np.tanh(a[:, t])
    return h, (x, h0, W, a, D)


def rnn_backward(dh, cache):
    x, h0, W, a, D = cache
    N, T, H = dh.shape
    dW = np.zeros_like(W)
    db = np.zeros(H)
    dx = np.zeros(x.shape)
    carry = np.zeros((N, H))
    for t in range(T - 1, -1, -1):
        da = (dh[:, t] + carry) / np.cosh(a[:, t]) ** 2
        prev = np.tanh(a[:, t - 1]) if t > 0 else h0
        z = np.concatenate([x[:, t], prev], axis=1)
        dW += z.T @ da
        db += da.sum(0)
        dz = da @ W.T
        dx[:, t], carry = dz[:, :D], dz[:, D:]
    return dx, carry, dW[:D], dW[D:], db
