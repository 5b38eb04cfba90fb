# expect: fail
# diagnosis: xavier_uniform(3, 5, rng) has shape (5, 3), expected (3, 5)
# diagnosis: likely mistake: the shape is swapped
import numpy as np


def xavier_uniform(n_in, n_out, rng):
    a = np.sqrt(6 / (n_in + n_out))
    return rng.uniform(-a, a, size=(n_out, n_in))


def he_normal(n_in, n_out, rng):
    return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in))
