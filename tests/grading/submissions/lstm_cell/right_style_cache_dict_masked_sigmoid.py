# expect: pass
# A dict cache, gates sliced out by index, a sigmoid computed separately on each sign's entries, and
# the gate gradients written into a preallocated (N, 4H) array.
import numpy as np


def sigmoid(z):
    out = np.empty_like(z, dtype=np.float64)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b):
    H = prev_h.shape[1]
    a = np.dot(x, Wx) + np.dot(prev_h, Wh) + b
    i = sigmoid(a[:, :H])
    f = sigmoid(a[:, H:2 * H])
    o = sigmoid(a[:, 2 * H:3 * H])
    g = np.tanh(a[:, 3 * H:])
    next_c = f * prev_c + i * g
    next_h = o * np.tanh(next_c)
    cache = {"x": x, "prev_h": prev_h, "prev_c": prev_c, "Wx": Wx, "Wh": Wh,
             "i": i, "f": f, "o": o, "g": g, "next_c": next_c}
    return next_h, next_c, cache


def lstm_step_backward(dnext_h, dnext_c, cache):
    i, f, o, g = cache["i"], cache["f"], cache["o"], cache["g"]
    H = i.shape[1]
    t = np.tanh(cache["next_c"])
    do = dnext_h * t
    dc_total = dnext_c + dnext_h * o * (1 - t * t)
    da = np.zeros((i.shape[0], 4 * H))
    da[:, :H] = dc_total * g * i * (1 - i)
    da[:, H:2 * H] = dc_total * cache["prev_c"] * f * (1 - f)
    da[:, 2 * H:3 * H] = do * o * (1 - o)
    da[:, 3 * H:] = dc_total * i * (1 - g * g)
    dx = np.dot(da, cache["Wx"].T)
    dprev_h = np.dot(da, cache["Wh"].T)
    dprev_c = dc_total * f
    dWx = np.dot(cache["x"].T, da)
    dWh = np.dot(cache["prev_h"].T, da)
    db = np.sum(da, axis=0)
    return dx, dprev_h, dprev_c, dWx, dWh, db
