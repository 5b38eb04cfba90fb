# expect: fail
# diagnosis: likely mistake: the values span [-a/2, a/2]
import numpy as np


def xavier_uniform(n_in, n_out, rng):
    a = np.sqrt(6 / (n_in + n_out))
    return a * (rng.random((n_in, n_out)) - 0.5)


def he_normal(n_in, n_out, rng):
    return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))
