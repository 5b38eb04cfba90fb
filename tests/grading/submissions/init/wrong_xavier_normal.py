# expect: fail
# diagnosis: has values outside [-a, a]
# diagnosis: likely mistake: a normal distribution
import numpy as np


def xavier_uniform(n_in, n_out, rng):
    # the Xavier variance, but drawn from a normal instead of a uniform
    return rng.normal(0.0, np.sqrt(2 / (n_in + n_out)), size=(n_in, n_out))


def he_normal(n_in, n_out, rng):
    return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))
