"""Independent computations of the numeric answers in question_bank/initialization.yaml."""

import math

import numpy as np

ANSWERS = {
    # He normal, fan-in mode: std = sqrt(2 / n_in) for n_in = 784
    "init-he-std-numpy-linear": math.sqrt(2.0 / 784),
    # Var(z) = n_in * Var(w) * E[x^2] with Var(w) = 1, E[x^2] = 1; answer is the std
    "init-preact-std-unscaled": math.sqrt(784 * 1.0 * 1.0),
    # Xavier uniform bound a = sqrt(6 / (n_in + n_out))
    "init-xavier-bound-784-128": math.sqrt(6.0 / (784 + 128)),
    # each ReLU layer with Var(w) = 1/n halves the variance; 20 layers
    "init-relu-depth-shrink": float(np.prod([1.0 / 2.0] * 20)),
    # conv fan_in = in_channels * kh * kw
    "init-conv-fan-in": math.sqrt(2.0 / (64 * 3 * 3)),
    # sigmoid(b) = 0.01  ->  b = logit(0.01)
    "init-output-bias-prior": math.log(0.01 / (1 - 0.01)),
}

ALSO_WRONG = {
    # LeCun std (drops the factor 2); Xavier normal std sqrt(2 / (784 + 128))
    "init-he-std-numpy-linear": [math.sqrt(1.0 / 784), math.sqrt(2.0 / (784 + 128))],
    # reporting the variance instead of the std; assuming unit std is preserved
    "init-preact-std-unscaled": [784.0, 1.0],
    # the std instead of the bound; fan-in only
    "init-xavier-bound-784-128": [math.sqrt(2.0 / (784 + 128)), math.sqrt(6.0 / 784)],
    # off by one layer (2^-19); the std ratio 2^-10 instead of the variance
    "init-relu-depth-shrink": [2.0 ** -19, 2.0 ** -10],
    # forgetting the kernel size; fan-out mode
    "init-conv-fan-in": [math.sqrt(2.0 / 64), math.sqrt(2.0 / (128 * 3 * 3))],
    # sign flipped; log10 instead of natural log
    "init-output-bias-prior": [-math.log(0.01 / (1 - 0.01)), math.log10(0.01 / (1 - 0.01))],
}
