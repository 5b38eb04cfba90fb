# expect: fail
# diagnosis: should be a plain float, got an array of shape () and dtype float64
import numpy as np


def warmup_cosine(step, *, base_lr, warmup_steps, total_steps, min_lr=0.0):
    warm = base_lr * step / max(warmup_steps, 1)
    p = np.clip((step - warmup_steps) / max(total_steps - warmup_steps, 1), 0.0, 1.0)
    decay = min_lr + (base_lr - min_lr) * (1 + np.cos(np.pi * p)) / 2
    return np.where(step < warmup_steps, warm, decay)
