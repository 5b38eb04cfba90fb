"""Independent computations of the numeric answers in question_bank/learning-rate.yaml."""

import math


def _gd_quadratic(a, lr, x0, steps):
    x = x0
    for _ in range(steps):
        x = x - lr * a * x
    return x


def _cosine(step, base=1e-3, min_lr=1e-4, warmup=1000, total=11000):
    if step < warmup:
        return base * step / warmup
    progress = (step - warmup) / (total - warmup)
    return min_lr + (base - min_lr) * (1 + math.cos(math.pi * progress)) / 2


def _steps_until(factor, target):
    y, k = 1.0, 0
    while abs(y) > target:
        y *= factor
        k += 1
    return k


def _plateau(losses, lr, factor, patience, threshold=1e-4):
    best, bad = math.inf, 0
    for loss in losses:
        if loss < best * (1 - threshold):
            best, bad = loss, 0
        else:
            bad += 1
        if bad > patience:
            lr *= factor
            bad = 0
    return lr


_LOSSES = [1.00, 0.90, 0.91, 0.92, 0.93, 0.89, 0.90, 0.95, 0.99, 0.97]

ANSWERS = {
    "lr-quadratic-iterates": _gd_quadratic(4.0, 0.4, 1.0, 3),
    "lr-step-decay": 0.1 * 0.1 ** (75 // 30),
    "lr-exponential-decay": 0.01 * 0.95 ** 20,
    "lr-warmup-linear": 3e-4 * 500 / 2000,
    "lr-linear-scaling": 0.1 * 8192 / 256,
    # f = 25 x^2 -> f'' = 50 -> stable iff lr < 2 / 50
    "lr-quadratic-stability-limit": 2 / (2 * 25),
    "lr-cosine-with-warmup": _cosine(3500),
    # y direction has curvature 1 (f = 0.5 y^2), factor 1 - lr * 1
    "lr-ill-conditioned-steps": _steps_until(1 - 0.01 * 1.0, 1e-3),
    "lr-plateau-sequence": _plateau(_LOSSES, 0.1, 0.5, 2),
}

ALSO_WRONG = {
    "lr-quadratic-iterates": [0.216, -0.6],            # lost the sign; one step only
    "lr-step-decay": [1e-4, 0.01],                     # three cuts; one cut
    "lr-exponential-decay": [0.01 * 0.95 ** 19, 0.0],  # off by one epoch; linear 5% per epoch
    "lr-warmup-linear": [3e-4, 3e-4 * (1 - 500 / 2000)],  # no warmup; inverted ramp
    "lr-linear-scaling": [0.1 * math.sqrt(8192 / 256), 0.1],  # square-root scaling; no scaling
    "lr-quadratic-stability-limit": [2 / 25, 1 / 50],  # a taken as 25; 1/a instead of 2/a
    "lr-cosine-with-warmup": [
        1e-3 * (1 + math.cos(math.pi * 0.25)) / 2,                 # forgot min_lr
        1e-4 + 9e-4 * (1 + math.cos(math.pi * 3500 / 11000)) / 2,  # progress from step 0
    ],
    "lr-ill-conditioned-steps": [100, 3,               # 1/lr; stiff direction only
                                 math.floor(math.log(1e-3) / math.log(0.99)),  # rounded 687.3 down
                                 round(math.log(1e3) / 0.01)],                 # -ln(0.99) taken as 0.01
    "lr-plateau-sequence": [0.0125, 0.05],             # Keras-style ">= patience"; one cut only
}
