# expect: pass
# Random numbers drawn in float32 (plenty for initial weights) and cast to float64; He drawn as
# (n_out, n_in) and transposed, which is the same distribution.
import numpy as np


def xavier_uniform(n_in, n_out, rng):
    a = np.sqrt(6.0 / (n_in + n_out))
    u = rng.random((n_in, n_out), dtype=np.float32).astype(np.float64)
    return (2.0 * u - 1.0) * a


def he_normal(n_in, n_out, rng):
    z = rng.standard_normal((n_out, n_in), dtype=np.float32).T.astype(np.float64)
    return z * np.sqrt(2.0 / n_in)
