"""Reference: Xavier (Glorot) uniform and He (Kaiming) normal initialization."""

import numpy as np


def xavier_uniform(n_in, n_out, rng):
    a = np.sqrt(6.0 / (n_in + n_out))
    return rng.uniform(-a, a, size=(n_in, n_out))


def he_normal(n_in, n_out, rng):
    return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))
