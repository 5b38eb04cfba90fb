# expect: error
# diagnosis: warmup_cosine(111, base_lr=0.1, warmup_steps=10, total_steps=110, min_lr=0.01) is wrong
# diagnosis: likely mistake: the cosine was not stopped at total_steps
# (with warmup_steps == total_steps it also divides by zero: the grade is an error)
import math


def warmup_cosine(step, *, base_lr, warmup_steps, total_steps, min_lr=0.0):
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    p = (step - warmup_steps) / (total_steps - warmup_steps)
    return min_lr + (base_lr - min_lr) * (1 + math.cos(math.pi * p)) / 2
