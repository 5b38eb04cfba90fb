# expect: pass
import numpy as np


def warmup_cosine(step, *, base_lr, warmup_steps, total_steps, min_lr=0.0):
    # np.cos of a Python float is an np.float64, which is a float subclass
    if step >= total_steps:
        return float(min_lr)
    if step < warmup_steps:
        return base_lr * (step / warmup_steps)
    p = (step - warmup_steps) / (total_steps - warmup_steps)
    return base_lr - (base_lr - min_lr) * (1.0 - np.cos(np.pi * p)) / 2.0
