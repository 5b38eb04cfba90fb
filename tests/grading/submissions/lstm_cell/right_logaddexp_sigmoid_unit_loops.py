# expect: pass
# The sigmoid as exp(-logaddexp(0, -z)), gates in a dict cache, and the backward one unit at a time.
import numpy as np


def sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -z))


def lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b):
    N, H = prev_h.shape
    a = np.dot(x, Wx) + np.dot(prev_h, Wh) + b
    gates = {}
    for k, name in enumerate("ifog"):
        block = a[:, k * H:(k + 1) * H]
        gates[name] = np.tanh(block) if name == "g" else sigmoid(block)
    next_c = gates["f"] * prev_c + gates["i"] * gates["g"]
    next_h = gates["o"] * np.tanh(next_c)
    return next_h, next_c, {"x": x, "prev_h": prev_h, "prev_c": prev_c, "Wx": Wx, "Wh": Wh, "next_c": next_c, **gates}


def lstm_step_backward(dnext_h, dnext_c, cache):
    c = cache
    N, H = dnext_h.shape
    da = np.zeros((N, 4 * H))
    dprev_c = np.zeros((N, H))
    for n in range(N):
        for u in range(H):
            tc = np.tanh(c["next_c"][n, u])
            dct = dnext_c[n, u] + dnext_h[n, u] * c["o"][n, u] * (1 - tc * tc)
            i, f, o, g = c["i"][n, u], c["f"][n, u], c["o"][n, u], c["g"][n, u]
            da[n, u] = dct * g * i * (1 - i)
            da[n, H + u] = dct * c["prev_c"][n, u] * f * (1 - f)
            da[n, 2 * H + u] = dnext_h[n, u] * tc * o * (1 - o)
            da[n, 3 * H + u] = dct * i * (1 - g * g)
            dprev_c[n, u] = dct * f
    return da @ c["Wx"].T, da @ c["Wh"].T, dprev_c, c["x"].T @ da, c["prev_h"].T @ da, da.sum(axis=0)
