"""Independent computations of the numeric answers in question_bank/gradient-checking.yaml."""




def _f(x):
    return x ** 3


def _rel(a, b):
    return abs(a - b) / max(1e-8, abs(a) + abs(b))


_X, _H = 2.0, 1e-3

ANSWERS = {
    # forward difference of x^3 at 2 with h = 1e-3
    "gc-forward-diff-x3": (_f(_X + _H) - _f(_X)) / _H,
    # absolute error of the central difference; exact value is h^2 * f''' / 6 = 1e-6
    "gc-central-error-x3": abs((_f(_X + _H) - _f(_X - _H)) / (2 * _H) - 3 * _X ** 2),
    # central difference of relu straddling the kink
    "gc-relu-kink-estimate": (max(1e-6 + 1e-5, 0.0) - max(1e-6 - 1e-5, 0.0)) / (2 * 1e-5),
    # analytic gradient 32x the numeric one
    "gc-missing-batch-mean": _rel(32 * 0.37, 0.37),
    # two loss evaluations per parameter
    "gc-cost-passes": 2 * 1000,
}

ALSO_WRONG = {
    # the central estimate; the backward difference
    "gc-forward-diff-x3": [(_f(_X + _H) - _f(_X - _H)) / (2 * _H), (_f(_X) - _f(_X - _H)) / _H],
    # the forward-difference error; h itself
    "gc-central-error-x3": [abs((_f(_X + _H) - _f(_X)) / _H - 12.0), _H],
    # the true derivative; the estimate exactly at the kink
    "gc-relu-kink-estimate": [1.0, 0.5],
    # max-denominator formula (31/32); the raw ratio minus one
    "gc-missing-batch-mean": [31 / 32, 31.0],
    # one evaluation per parameter; forward difference count
    "gc-cost-passes": [1000, 1001],
}
