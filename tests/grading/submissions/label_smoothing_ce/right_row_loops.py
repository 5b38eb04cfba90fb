# expect: pass
# One row at a time with the math module; the target distribution built entry by entry.
import math

import numpy as np


def label_smoothing_cross_entropy(logits, targets, smoothing=0.0):
    n, c = logits.shape
    total = 0.0
    grad = np.zeros((n, c))
    for i in range(n):
        row = [float(v) for v in logits[i]]
        top = max(row)
        lse = top + math.log(sum(math.exp(v - top) for v in row))
        for j in range(c):
            q = smoothing / c + (1.0 - smoothing if j == targets[i] else 0.0)
            log_p = row[j] - lse
            total -= q * log_p
            grad[i, j] = (math.exp(log_p) - q) / n
    return total / n, grad
