# expect: pass

def xavier_uniform(n_in, n_out, rng):
    a = (6.0 / (n_in + n_out)) ** 0.5
    return a * (2.0 * rng.random((n_in, n_out)) - 1.0)


def he_normal(n_in, n_out, rng):
    return rng.standard_normal((n_in, n_out)) * (2.0 / n_in) ** 0.5
