# expect: pass
import math


def warmup_cosine(step, *, base_lr, warmup_steps, total_steps, min_lr=0.0):
    if step < warmup_steps:
        return step / warmup_steps * base_lr
    decay = total_steps - warmup_steps
    p = 1.0 if decay == 0 else min(1.0, (step - warmup_steps) / decay)
    # (1 + cos(pi p)) / 2 == cos(pi p / 2)**2
    return min_lr + (base_lr - min_lr) * math.cos(0.5 * math.pi * p) ** 2
