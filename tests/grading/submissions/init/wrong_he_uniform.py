# expect: fail
# diagnosis: within one std
# diagnosis: likely mistake: the values look uniform, not normal
import numpy as np


def xavier_uniform(n_in, n_out, rng):
    a = np.sqrt(6 / (n_in + n_out))
    return rng.uniform(-a, a, size=(n_in, n_out))


def he_normal(n_in, n_out, rng):
    # right variance (2 / n_in), wrong distribution
    bound = np.sqrt(6.0 / n_in)
    return rng.uniform(-bound, bound, size=(n_in, n_out))
