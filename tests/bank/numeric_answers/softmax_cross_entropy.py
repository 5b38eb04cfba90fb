"""Independent computations of the numeric answers in question_bank/softmax-cross-entropy.yaml."""

import math

import numpy as np


def _softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max())
    return e / e.sum()


def _logsumexp(z):
    z = np.asarray(z, dtype=float)
    m = z.max()
    return float(m + math.log(np.exp(z - m).sum()))


ANSWERS = {
    "sce-softmax-concrete": float(_softmax([2.0, 1.0, 0.1])[0]),
    "sce-batch-mean-ce": float(np.mean([-math.log(p) for p in (0.9, 0.5, 0.2)])),
    "sce-uniform-initial-loss": -math.log(1.0 / 10),
    "sce-epsilon-cap": -math.log(0.0 + 1e-8),
    "sce-grad-true-logit": (0.7 - 1.0) / 4,
    # one-hot output of the model treated as logits by the loss
    "sce-double-softmax-floor": _logsumexp([1.0] + [0.0] * 9) - 1.0,
    "sce-logsumexp-large-logits": _logsumexp([1000.0, 1001.0, 1002.0]) - 1000.0,
}

ALSO_WRONG = {
    # dividing raw logits by their sum; uniform guess
    "sce-softmax-concrete": [2.0 / 3.1, 1.0 / 3],
    # summing instead of averaging; log base 10
    "sce-batch-mean-ce": [sum(-math.log(p) for p in (0.9, 0.5, 0.2)),
                          float(np.mean([-math.log10(p) for p in (0.9, 0.5, 0.2)]))],
    # log base 2; log base 10
    "sce-uniform-initial-loss": [math.log2(10), math.log10(10)],
    # log base 10; rounding the exponent away
    "sce-epsilon-cap": [-math.log10(1e-8), 18.0],
    # forgetting 1/n; sign flipped
    "sce-grad-true-logit": [0.7 - 1.0, (1.0 - 0.7) / 4],
    # believing a perfect model reaches 0; the uniform-prediction loss ln 10
    "sce-double-softmax-floor": [0.0, math.log(10)],
    # loss for the wrong class (index 2); the epsilon cap
    "sce-logsumexp-large-logits": [_logsumexp([1000.0, 1001.0, 1002.0]) - 1002.0, -math.log(1e-8)],
}
