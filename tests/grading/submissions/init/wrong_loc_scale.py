# expect: fail
# diagnosis: the mean of he_normal(500, 300, rng) is wrong
# diagnosis: likely mistake: rng.normal's first argument is the mean (loc)
import numpy as np


def xavier_uniform(n_in, n_out, rng):
    a = np.sqrt(6 / (n_in + n_out))
    return rng.uniform(-a, a, size=(n_in, n_out))


def he_normal(n_in, n_out, rng):
    return rng.normal(np.sqrt(2.0 / n_in), size=(n_in, n_out))
