# expect: fail
# diagnosis: has dtype float32, expected float64
import numpy as np


def xavier_uniform(n_in, n_out, rng):
    a = np.float32(np.sqrt(6 / (n_in + n_out)))
    return a * (2 * rng.random((n_in, n_out), dtype=np.float32) - 1)


def he_normal(n_in, n_out, rng):
    return rng.standard_normal((n_in, n_out), dtype=np.float32) * np.float32(np.sqrt(2.0 / n_in))
