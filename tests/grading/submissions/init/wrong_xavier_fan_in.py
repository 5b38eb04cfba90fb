# expect: fail
# diagnosis: the variance of xavier_uniform(400, 600, rng) is wrong
# diagnosis: likely mistake: the bound uses n_in only
import numpy as np


def xavier_uniform(n_in, n_out, rng):
    a = np.sqrt(6 / n_in)
    return rng.uniform(-a, a, size=(n_in, n_out))


def he_normal(n_in, n_out, rng):
    return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))
