"""Independent computations of the numeric answers in question_bank/precision.yaml."""

import math

import numpy as np


def _fp16_from_bits(bits):
    """The float16 number whose bit pattern is `bits`."""
    return float(np.array([bits], dtype=np.uint16).view(np.float16)[0])


def _bf16_from_bits(bits):
    """A bfloat16 pattern is the top half of a float32 pattern."""
    return float(np.array([bits << 16], dtype=np.uint32).view(np.float32)[0])


def _overflow_threshold(limit):
    """Bisect for the x where exp(x) (in float64) reaches `limit`."""
    lo, hi = 0.0, 100.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if math.exp(mid) < limit:
            lo = mid
        else:
            hi = mid
    return lo


def _fp16_counter(n):
    s = np.float16(0)
    one = np.float16(1)
    for _ in range(n):
        s = np.float16(s + one)
    return float(s)


def _grad_scaler(found_inf, init=2.0 ** 16, backoff=0.5, growth=2.0, interval=2000):
    """The scale after a sequence of iterations, following GradScaler's documented update rule."""
    scale, clean = init, 0
    for inf in found_inf:
        if inf:
            scale *= backoff
            clean = 0
        else:
            clean += 1
            if clean == interval:
                scale *= growth
                clean = 0
    return scale


def _fp32_forward_difference():
    x = np.float32(1.0)
    h = np.float32(1e-6)
    return float((x + h - x) / h)


def _argmin_error(eps):
    """Minimise h^2/6 + eps/h over a fine logarithmic grid."""
    h = np.logspace(-6, 0, 600_001)
    return float(h[np.argmin(h * h / 6 + eps / h)])


ANSWERS = {
    # exponent field 11110, fraction all ones
    "prec-fp16-max": _fp16_from_bits(0x7BFF),
    # the bf16 number right after 1.0 (pattern 0x3F80 + 1), minus 1
    "prec-bf16-eps": _bf16_from_bits(0x3F81) - 1.0,
    # exponent field 00001, fraction 0
    "prec-fp16-min-normal": _fp16_from_bits(0x0400),
    # where exp crosses the largest finite float16
    "prec-fp16-exp-overflow": _overflow_threshold(_fp16_from_bits(0x7BFF)),
    # run the loop
    "prec-fp16-counter": _fp16_counter(5000),
    # 3 overflows, then 4500 finite iterations
    "prec-loss-scale-trajectory": _grad_scaler([True] * 3 + [False] * 4500),
    # evaluate the snippet
    "prec-fp32-forward-diff": _fp32_forward_difference(),
    # numerical minimisation of the error model with float32's epsilon
    "prec-optimal-h": _argmin_error(float(np.finfo(np.float32).eps)),
}

ALSO_WRONG = {
    "prec-fp16-max": [65536, 65535, 32768],                  # 2^16; 2^16 - 1; 2^15
    "prec-bf16-eps": [2.0 ** -8, 2.0 ** -10, 2.0 ** -23],    # unit roundoff; fp16's eps; fp32's eps
    "prec-fp16-min-normal": [2.0 ** -24, 2.0 ** -15, 2.0 ** -126],  # smallest subnormal; off by one; bf16's
    "prec-fp16-exp-overflow": [88.72, 709.78, math.log(2 ** 15)],   # float32; float64; ln 32768
    "prec-fp16-counter": [5000, 2047, 4096, 1024],
    "prec-loss-scale-trajectory": [65536, 8192, 16384, 2.0 ** 16 * 4],  # no backoff; no growth;
                                                                        # one growth; growth ignoring backoff
    "prec-fp32-forward-diff": [1.0, 0.0],                    # exact arithmetic; total cancellation
    "prec-optimal-h": [1e-5, float(np.finfo(np.float32).eps) ** (1 / 3),  # float64 habit; no factor 3
                       float(np.finfo(np.float32).eps) ** 0.5],           # forward-difference rule
}
