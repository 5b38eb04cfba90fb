# expect: pass
# The hold comes first, then the warmup, then a progress clamped to [0, 1]; the decay's length is
# never 0 there, because step < total_steps and step >= warmup_steps leave total_steps > warmup_steps.
import math


def warmup_cosine(step, *, base_lr, warmup_steps, total_steps, min_lr=0.0):
    if step >= total_steps:
        return float(min_lr)
    if warmup_steps > 0 and step < warmup_steps:
        return float(base_lr) * step / warmup_steps
    progress = min(1.0, max(0.0, (step - warmup_steps) / (total_steps - warmup_steps)))
    cosine = 0.5 * (1.0 + math.cos(math.pi * progress))
    return float(min_lr + (base_lr - min_lr) * cosine)
