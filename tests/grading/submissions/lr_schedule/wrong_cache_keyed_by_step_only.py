# expect: fail
# diagnosis: warmup_cosine(step, base_lr=0.0003, warmup_steps=500, total_steps=5000) for step = 0, 7, … 5593 is wrong
import math

# A module-level cache keyed by step alone: right for one schedule, wrong as soon as a second one is asked
# for. Each check's calls start from an empty cache (as in a process of their own), so the checks of one
# schedule each pass and only the check that runs several schedules in a row fails.
_cache = {}


def warmup_cosine(step, *, base_lr, warmup_steps, total_steps, min_lr=0.0):
    if step not in _cache:
        if step < warmup_steps:
            _cache[step] = base_lr * step / warmup_steps
        elif step >= total_steps:
            _cache[step] = float(min_lr)
        else:
            p = (step - warmup_steps) / (total_steps - warmup_steps)
            _cache[step] = min_lr + (base_lr - min_lr) * (1 + math.cos(math.pi * p)) / 2
    return _cache[step]
