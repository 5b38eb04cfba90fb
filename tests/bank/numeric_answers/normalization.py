"""Independent computations of the numeric answers in question_bank/normalization.yaml."""

import math

import numpy as np

_BATCH = np.array([1.0, 2.0, 3.0, 6.0])
_SQ_DEV = float(np.sum((_BATCH - _BATCH.mean()) ** 2))  # 14
_N = _BATCH.size


def _ema(old, new, weight_of_new, steps=1):
    """Exponential moving average applied `steps` times with a constant new value."""
    for _ in range(steps):
        old = (1.0 - weight_of_new) * old + weight_of_new * new
    return old


_RUNNING_MEAN = _ema(0.0, float(_BATCH.mean()), 0.1)
_RUNNING_VAR = _ema(1.0, _SQ_DEV / (_N - 1), 0.1)

ANSWERS = {
    # biased variance: squared deviations over N
    "norm-bn-batch-variance": _SQ_DEV / _N,
    # PyTorch: running_var <- 0.9 * 1 + 0.1 * unbiased batch variance
    "norm-running-var-unbiased": _RUNNING_VAR,
    # eval mode after one step: (x - running_mean) / sqrt(running_var + eps)
    "norm-eval-after-one-step": (6.0 - _RUNNING_MEAN) / math.sqrt(_RUNNING_VAR + 1e-5),
    # Keras momentum 0.99 is the weight of the old value, so the new value gets 0.01
    "norm-keras-momentum-warmup": _ema(1.0, 4.0, 0.01, steps=20),
    # x / sqrt(mean(x^2)) for the last entry
    "norm-rmsnorm-value": (lambda v: v[-1] / math.sqrt(sum(t * t for t in v) / len(v)))([1.0, 3.0, 5.0, 7.0]),
}

ALSO_WRONG = {
    "norm-bn-batch-variance": [_SQ_DEV / (_N - 1), _SQ_DEV],  # unbiased; forgot to divide
    "norm-running-var-unbiased": [
        _ema(1.0, _SQ_DEV / _N, 0.1),          # biased variance in the running average (1.25)
        _ema(1.0, _SQ_DEV / (_N - 1), 0.9),    # momentum read as the weight of the old value (4.3)
        _ema(1.0, _SQ_DEV / _N, 0.9),          # both mistakes (3.25)
        _SQ_DEV / (_N - 1),                    # no moving average at all
    ],
    "norm-eval-after-one-step": [
        (6.0 - 3.0) / math.sqrt(_SQ_DEV / _N + 1e-5),                     # batch statistics (training mode)
        6.0,                                                              # untouched running stats 0 and 1
        (6.0 - _RUNNING_MEAN) / math.sqrt(_ema(1.0, _SQ_DEV / _N, 0.1)),  # biased running variance
    ],
    "norm-keras-momentum-warmup": [
        _ema(1.0, 4.0, 0.1, steps=20),   # PyTorch's default weight of the new value
        _ema(1.0, 4.0, 0.99, steps=20),  # Keras's 0.99 read as the weight of the new value
        _ema(1.0, 4.0, 0.01, steps=19),  # one step too few
        _ema(1.0, 4.0, 0.01, steps=21),  # one step too many
    ],
    # layer norm; sum instead of mean; mean square over d - 1
    "norm-rmsnorm-value": [3.0 / math.sqrt(5.0), 7.0 / math.sqrt(84.0), 7.0 / math.sqrt(84.0 / 3)],
}
