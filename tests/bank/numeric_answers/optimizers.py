"""Independent computations of the numeric answers in question_bank/optimizers.yaml."""

import math

import numpy as np

ANSWERS = {
    # two float32 buffers (m and v) per parameter, in GB of 1e9 bytes
    "opt-adam-memory": 2 * 4 * 350e6 / 1e9,
    # m_1 = beta1 * 0 + (1 - beta1) * g
    "opt-adam-first-moment-step1": 0.9 * 0.0 + (1 - 0.9) * 4.0,
    # steady state v = g / (1 - mu), step = lr * v
    "opt-momentum-terminal-step": 0.01 * 0.5 / (1 - 0.99),
    # iterate v <- mu v + g ten times from zero
    "opt-momentum-buildup": (lambda mu: float(np.sum(mu ** np.arange(10))))(0.9),
    # (m1 / sqrt(v1)) / (m1_hat / sqrt(v1_hat)) with g = 1
    "opt-adam-no-bias-correction": (lambda b1, b2, g: (((1 - b1) * g) / math.sqrt((1 - b2) * g * g))
                                    / ((((1 - b1) * g) / (1 - b1)) / math.sqrt((1 - b2) * g * g / (1 - b2)))
                                    )(0.9, 0.999, 1.0),
    # first Adam step lr * g / (|g| + eps)
    "opt-adam-eps-tiny-gradient": (lambda lr, g, eps: lr * g / (abs(g) + eps))(1e-3, 1e-7, 1e-8),
}

ALSO_WRONG = {
    "opt-adam-memory": [1.4, 4.2, 5.6, 2 * 4 * 350e6 / 2 ** 30],  # one buffer; params + 2 buffers;
                                                 # params + grads + 2 buffers; GiB instead of GB
    "opt-adam-first-moment-step1": [4.0, 3.6],   # bias-corrected value; beta1 * g
    "opt-momentum-terminal-step": [0.005, 0.05],  # no momentum; using the mu = 0.9 factor
    "opt-momentum-buildup": [10.0, (1 - 0.9 ** 9) / 0.1],  # steady state; off by one step
    "opt-adam-no-bias-correction": [0.1, 10.0],  # "10x too small"; inverted
    "opt-adam-eps-tiny-gradient": [1e-3, 1e-10],  # ignoring eps; plain SGD lr * g
}
