"""Reference: linear warmup, then cosine decay to min_lr."""

import math


def warmup_cosine(step, *, base_lr, warmup_steps, total_steps, min_lr=0.0):
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    if step >= total_steps:
        return float(min_lr)
    p = (step - warmup_steps) / (total_steps - warmup_steps)
    return min_lr + (base_lr - min_lr) * (1 + math.cos(math.pi * p)) / 2
