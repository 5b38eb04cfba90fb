"""A vanilla RNN over a whole sequence: forward, and backpropagation through time.

A batch of N sequences, each T steps of D features, x of shape (N, T, D), runs through one tanh
recurrent layer with H hidden units. Starting from the initial state h0 (N, H), every step reads the
step's input and the previous hidden state:

    a_t = x_t @ Wx + h_{t-1} @ Wh + b        (N, H)    x_t = x[:, t], shape (N, D)
    h_t = tanh(a_t)                          (N, H)    h_{-1} is h0

with Wx (D, H), Wh (H, H) and b (H,) shared by every step. The forward returns all T hidden states
stacked as h, shape (N, T, H) (h0 itself is not part of it).

Backward receives dh, shape (N, T, H): for EVERY hidden state h[:, t], the gradient that reaches it
directly from what sits on top of step t (an output or a loss may sit on each step, or only on the
last; then the other steps of dh are zero) — not what reaches it through the later steps. It
returns the gradients of the loss with respect to every input of the forward: dx (N, T, D),
dh0 (N, H), dWx (D, H), dWh (H, H) and db (H,), each shaped like what it differentiates.
Because Wx, Wh and b are shared, their gradients collect a contribution from every step.

Implement:
- `rnn_forward(x, h0, Wx, Wh, b)` -> (h, cache): cache is anything you like; only your backward reads it.
- `rnn_backward(dh, cache)` -> (dx, dh0, dWx, dWh, db).
Everything is float64. Leave every input (x, h0, Wx, Wh, b, dh) unchanged.

Requirements the grader tests: T = 1 and a batch of one work; D and H may differ; Wh is a general
(not symmetric) matrix; dh may be non-zero at every step or only at the last one; dh0 is a real
gradient (h0 may come from an earlier chunk of the sequence), not zeros.
"""

import numpy as np


def rnn_forward(x, h0, Wx, Wh, b):
    """x: (N, T, D), h0: (N, H), Wx: (D, H), Wh: (H, H), b: (H,) -> (h (N, T, H), cache)."""
    raise NotImplementedError


def rnn_backward(dh, cache):
    """dh: (N, T, H) -> (dx (N, T, D), dh0 (N, H), dWx (D, H), dWh (H, H), db (H,))."""
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    N, T, D, H = 2, 3, 4, 5
    x, h0 = rng.normal(size=(N, T, D)), rng.normal(size=(N, H))
    Wx, Wh, b = rng.normal(size=(D, H)), rng.normal(size=(H, H)), rng.normal(size=H)
    h, cache = rnn_forward(x, h0, Wx, Wh, b)
    print("h", h.shape)  # (2, 3, 5)
    for name, g in zip(("dx", "dh0", "dWx", "dWh", "db"), rnn_backward(rng.normal(size=h.shape), cache), strict=True):
        print(name, g.shape)
