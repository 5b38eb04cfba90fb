"""Independent computations of the numeric answers in question_bank/training-loop.yaml."""

import math


def _linear_params(n_in, n_out):
    return n_in * n_out + n_out


def _accumulation_steps(n, batch, k):
    micro = math.ceil(n / batch)  # drop_last=False keeps the partial batch
    return sum(1 for i in range(micro) if (i + 1) % k == 0 or (i + 1) == micro)


ANSWERS = {
    "tl-param-count": _linear_params(784, 128) + _linear_params(128, 10),
    "tl-steps-per-epoch": math.ceil(50_000 / 128),
    "tl-accumulation-steps": _accumulation_steps(10_000, 64, 4),
}

ALSO_WRONG = {
    "tl-param-count": [784 * 128 + 128 * 10, 784 * 128 + 128 + 128 * 10],  # no biases; forgot 2nd bias
    "tl-steps-per-epoch": [50_000 // 128, 50_000 / 128],                   # drop_last=True; not rounded
    "tl-accumulation-steps": [math.ceil(10_000 / 64), (10_000 // 64) // 4],  # micro-batches; drop leftover
}
