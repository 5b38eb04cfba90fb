"""One step of an LSTM cell: forward and backward.

An LSTM keeps two states per example, the hidden state h and the cell state c, both (N, H). One step
reads the input x (N, D) and the previous states, and computes all four gates with one product:

    a = x @ Wx + prev_h @ Wh + b             (N, 4H)   Wx (D, 4H), Wh (H, 4H), b (4H,)

a is split along its columns into four (N, H) blocks, IN THIS ORDER: input, forget, output, candidate

    a_i = a[:, 0:H]     i = sigmoid(a_i)     input gate
    a_f = a[:, H:2H]    f = sigmoid(a_f)     forget gate
    a_o = a[:, 2H:3H]   o = sigmoid(a_o)     output gate
    a_g = a[:, 3H:4H]   g = tanh(a_g)        candidate values

    next_c = f * prev_c + i * g              (N, H)   elementwise products
    next_h = o * tanh(next_c)                (N, H)

(Libraries disagree on the order of the blocks; here it is i, f, o, g, and the grader holds you to it.)

Backward receives the upstream gradients dnext_h = dL/d(next_h) and dnext_c = dL/d(next_c), both
(N, H) — in a sequence, dnext_c is what the following step sends back to its cell state, and it is 0
after the last step. It returns the gradients of L with respect to every input of the forward:
dx (N, D), dprev_h (N, H), dprev_c (N, H), dWx (D, 4H), dWh (H, 4H), db (4H,). Keep in mind that
next_c reaches the loss both directly and through next_h.

Implement:
- `sigmoid(z)`: the logistic function 1 / (1 + e^-z), elementwise.
- `lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b)` -> (next_h, next_c, cache): cache is anything you
  like; only your backward reads it.
- `lstm_step_backward(dnext_h, dnext_c, cache)` -> (dx, dprev_h, dprev_c, dWx, dWh, db).
Everything is float64. Leave every input unchanged.

Requirements the grader tests: a batch of one, D different from H, H = 1, and dnext_c = 0 all work;
the sigmoid must stay exact and silent (no overflow warning, no NaN) for pre-activations anywhere
from -1000 to 1000.
"""

import numpy as np


def sigmoid(z):
    """z: any shape -> 1 / (1 + exp(-z)), same shape; no overflow for z down to -1000."""
    raise NotImplementedError


def lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b):
    """x: (N, D), prev_h, prev_c: (N, H), Wx: (D, 4H), Wh: (H, 4H), b: (4H,) -> (next_h, next_c, cache)."""
    raise NotImplementedError


def lstm_step_backward(dnext_h, dnext_c, cache):
    """dnext_h, dnext_c: (N, H) -> (dx (N, D), dprev_h (N, H), dprev_c (N, H), dWx (D, 4H), dWh (H, 4H), db (4H,))."""
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    N, D, H = 2, 3, 4
    x, prev_h, prev_c = rng.normal(size=(N, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H))
    Wx, Wh, b = rng.normal(size=(D, 4 * H)), rng.normal(size=(H, 4 * H)), rng.normal(size=4 * H)
    next_h, next_c, cache = lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b)
    print("next_h", next_h.shape, "next_c", next_c.shape)  # (2, 4) (2, 4)
    grads = lstm_step_backward(rng.normal(size=(N, H)), rng.normal(size=(N, H)), cache)
    for name, g in zip(("dx", "dprev_h", "dprev_c", "dWx", "dWh", "db"), grads, strict=True):
        print(name, g.shape)
