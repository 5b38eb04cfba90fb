"""Independent computations of the numeric answers in question_bank/recurrent.yaml."""

import math

import numpy as np


def _count(shapes):
    return sum(int(np.prod(s)) for s in shapes)


def _tanh_rnn_factor(w, h, steps):
    # derivative of tanh at the pre-activation that gives |h|, by central differences
    a = math.atanh(h)
    eps = 1e-6
    slope = (math.tanh(a + eps) - math.tanh(a - eps)) / (2 * eps)
    factor = 1.0
    for _ in range(steps):
        factor *= w * slope
    return abs(factor)


def _cell_path_factor(bias, steps):
    f = 1.0 / (1.0 + math.exp(-bias))
    c_grad = 1.0
    for _ in range(steps):
        c_grad *= f
    return c_grad


D, H = 128, 256

ANSWERS = {
    "rnn-vanilla-param-count": _count([(100, 256), (256, 256), (256,)]),
    # PyTorch nn.LSTM: weight_ih (4H, D), weight_hh (4H, H), bias_ih (4H,), bias_hh (4H,)
    "rnn-lstm-param-count-pytorch": _count([(4 * H, D), (4 * H, H), (4 * H,), (4 * H,)]),
    # PyTorch nn.GRU: the same with 3 blocks
    "rnn-gru-param-count-pytorch": _count([(3 * H, D), (3 * H, H), (3 * H,), (3 * H,)]),
    "rnn-jacobian-scalar-product": _tanh_rnn_factor(2.5, 0.8, 25),
    "rnn-forget-bias-factor": _cell_path_factor(1.0, 10),
}

ALSO_WRONG = {
    "rnn-vanilla-param-count": [91648, 91136, 65792],    # two biases; no bias; no input weights
    "rnn-lstm-param-count-pytorch": [394240, 98816, 296448],  # one bias; no factor 4; GRU count
    "rnn-gru-param-count-pytorch": [395264, 295680, 197632],  # LSTM count; one bias; two blocks
    "rnn-jacobian-scalar-product": [2.5 ** 25, 0.5 ** 25, 0.9 ** 24, 0.9 ** 26, 0.36 ** 25],
    # tanh' ignored; 1 - |h|; off by one step either way; w ignored
    "rnn-forget-bias-factor": [0.5 ** 10, 1.0, 0.7310585786, 0.7310585786 ** 9, 0.7310585786 ** 11],
    # zero bias; f = 1; a single step; off by one step either way
}
