# expect: fail
# diagnosis: gave different weights
# diagnosis: likely mistake: the weights come from np.random's global state instead of rng
import numpy as np


def xavier_uniform(n_in, n_out, rng):
    a = np.sqrt(6 / (n_in + n_out))
    return np.random.uniform(-a, a, size=(n_in, n_out))


def he_normal(n_in, n_out, rng):
    return np.random.randn(n_in, n_out) * np.sqrt(2.0 / n_in)
