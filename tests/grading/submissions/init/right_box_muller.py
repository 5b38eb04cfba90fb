# expect: pass
import math

import numpy as np


def xavier_uniform(n_in, n_out, rng):
    limit = math.sqrt(6 / (n_in + n_out))
    return rng.uniform(low=-limit, high=limit, size=(n_in, n_out))


def he_normal(n_in, n_out, rng):
    # Box-Muller: two uniforms in (0, 1] become one standard normal
    u1 = 1.0 - rng.random((n_in, n_out))
    u2 = rng.random((n_in, n_out))
    z = np.sqrt(-2.0 * np.log(u1)) * np.cos(2 * np.pi * u2)
    return math.sqrt(2 / n_in) * z
