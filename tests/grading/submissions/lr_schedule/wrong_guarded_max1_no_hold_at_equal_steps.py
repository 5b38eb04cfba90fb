# expect: fail
# diagnosis: warmup_cosine(8, base_lr=0.1, warmup_steps=8, total_steps=8, min_lr=0.01) is wrong
# diagnosis: likely mistake: with warmup_steps == total_steps the decay has no steps
# Guarding both divisions with max(1, ...) starts a cosine at total_steps when warmup_steps == total_steps,
# so that step gives base_lr where the schedule holds min_lr.
import math


def warmup_cosine(step, *, base_lr, warmup_steps, total_steps, min_lr=0.0):
    warm = min(1.0, step / max(1, warmup_steps)) if warmup_steps > 0 else 1.0
    if warm < 1.0:
        return base_lr * warm
    p = min(max(step - warmup_steps, 0) / max(1, total_steps - warmup_steps), 1.0)
    return min_lr + 0.5 * (base_lr - min_lr) * (1.0 + math.cos(math.pi * p))
