"""Linear warmup, then cosine decay.

Most large models are trained with a learning rate that changes every step. A popular recipe has
three phases, for integer steps 0, 1, 2, ...:

1. Warmup, while step < warmup_steps: rise linearly from 0 towards base_lr,

       lr = base_lr * step / warmup_steps

   so step 0 trains with lr 0 and the last warmup step with base_lr * (warmup_steps - 1) / warmup_steps.

2. Cosine decay, while warmup_steps <= step < total_steps: with progress p going from 0 to 1 over
   the decay,

       p  = (step - warmup_steps) / (total_steps - warmup_steps)
       lr = min_lr + (base_lr - min_lr) * (1 + cos(pi * p)) / 2

   (1 + cos(pi * p)) / 2 slides from 1 to 0, so lr starts at exactly base_lr and glides down to
   min_lr, passing (base_lr + min_lr) / 2 halfway.

3. From total_steps on: hold min_lr (do not let the cosine swing back up).

Implement `warmup_cosine(step, *, base_lr, warmup_steps, total_steps, min_lr=0.0)`:
- step: int >= 0; base_lr >= min_lr >= 0 floats; 0 <= warmup_steps <= total_steps ints
- returns: the learning rate for that step as a plain Python float (not a numpy array)

The traps: warmup_steps may be 0 (no warmup at all — step 0 must then give base_lr, and nothing
may divide by warmup_steps); the cosine's progress counts from the end of warmup, not from step 0;
and the decay is scaled by (base_lr - min_lr), then shifted up by min_lr.
"""

import math  # noqa: F401 - you will need it


def warmup_cosine(step, *, base_lr, warmup_steps, total_steps, min_lr=0.0):
    """The learning rate at `step`: linear warmup from 0, cosine decay to min_lr, then min_lr."""
    raise NotImplementedError
