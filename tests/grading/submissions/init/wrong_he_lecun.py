# expect: fail
# diagnosis: the standard deviation of he_normal(500, 300, rng) is wrong
# diagnosis: likely mistake: the factor 2 is missing
import numpy as np


def xavier_uniform(n_in, n_out, rng):
    a = np.sqrt(6 / (n_in + n_out))
    return rng.uniform(-a, a, size=(n_in, n_out))


def he_normal(n_in, n_out, rng):
    return rng.normal(0.0, np.sqrt(1.0 / n_in), size=(n_in, n_out))
