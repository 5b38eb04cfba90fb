"""Linear warmup, then cosine decay.

Most large models are trained with a learning rate that changes at every step. This schedule has
three phases over integer steps 0, 1, 2, ... (written as math; W = warmup_steps, T = total_steps):

1. Warmup, for 0 ≤ step < W: a straight line from 0 towards base_lr,

       lr = base_lr · step / W

2. Cosine decay, for W ≤ step < T, with the decay's progress p running from 0 towards 1:

       p  = (step − W) / (T − W)
       lr = min_lr + (base_lr − min_lr) · (1 + cos πp) / 2

3. From T on: lr = min_lr, for every later step.

Implement `warmup_cosine(step, *, base_lr, warmup_steps, total_steps, min_lr=0.0)`:
- step: an int ≥ 0; base_lr ≥ min_lr ≥ 0 floats; 0 ≤ warmup_steps ≤ total_steps ints
- returns the learning rate at that step as one plain Python float (not a numpy array or an int)

Requirements that follow from the formulas, and that the checks test:
- step 0 gives 0 when there is a warmup; the last warmup step gives base_lr · (W − 1) / W, and
  step W gives exactly base_lr.
- warmup_steps = 0 is allowed: there is no warmup, step 0 gives base_lr, and nothing may divide
  by zero.
- warmup_steps = total_steps is allowed: the decay has no steps, the ramp is followed directly
  by min_lr, and nothing may divide by zero.
- halfway through the decay the rate is (base_lr + min_lr) / 2; it never rises during the decay
  and never leaves min_lr after it.

`quizprep explain lr_schedule` walks through the schedule with numbers, if you want it.
"""

import math  # noqa: F401 - you will need it


def warmup_cosine(step, *, base_lr, warmup_steps, total_steps, min_lr=0.0):
    """The learning rate at `step` (a float): linear warmup from 0, cosine decay to min_lr, then min_lr."""
    raise NotImplementedError


if __name__ == "__main__":
    cfg = dict(base_lr=0.1, warmup_steps=4, total_steps=12, min_lr=0.01)
    for s in range(15):
        lr = warmup_cosine(s, **cfg)
        print(s, type(lr).__name__, round(lr, 6))
