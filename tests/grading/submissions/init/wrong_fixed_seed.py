# expect: fail
# diagnosis: gave the same weights for seeds 7 and 8
# diagnosis: likely mistake: rng is ignored
import numpy as np


def xavier_uniform(n_in, n_out, rng=None):
    rng = np.random.default_rng(0)
    a = np.sqrt(6 / (n_in + n_out))
    return rng.uniform(-a, a, size=(n_in, n_out))


def he_normal(n_in, n_out, rng=None):
    rng = np.random.default_rng(0)
    return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))
