# expect: error
# diagnosis: (total_steps - warmup_steps))
# diagnosis: ZeroDivisionError: division by zero
# The hold after total_steps comes from clamping the progress at 1, so the progress is computed
# first, and warmup_steps == total_steps divides by zero.
import math


def warmup_cosine(step, *, base_lr, warmup_steps, total_steps, min_lr=0.0):
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    progress = min(1.0, (step - warmup_steps) / (total_steps - warmup_steps))
    return min_lr + 0.5 * (base_lr - min_lr) * (1.0 + math.cos(math.pi * progress))
