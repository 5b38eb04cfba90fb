"""A numerical gradient checker.

Before trusting a hand-written backward pass, compare it with a gradient measured directly: move
one input a little each way and see how much the output moves. For a scalar function f of an
array x, entry i of the numerical gradient is the central difference

    g[i] = [ f(x + h·e_i) − f(x − h·e_i) ] / 2h

where e_i is the array shaped like x that is 1 at index i and 0 everywhere else; "index" means a
full index of x (a pair (r, c) for a 2-D array), so there is one g[i] per entry of x.

Implement `numerical_gradient(f, x, h=1e-5)`:
- f: a function taking an array shaped like x and returning a float
- x: a float64 array of any shape (1-D, 2-D, 3-D, ...)
- h: the step, a positive float; use the one passed in
- returns a NEW float64 array shaped like x (not x itself), entry i holding g[i] above

Requirements:
- the central difference exactly as defined: both neighbours, 2h apart (not a one-sided
  difference, whose error is much larger).
- each evaluation of f sees x with exactly one entry moved, by +h or by −h, and all the others
  at their original values.
- when the function returns, x holds exactly, bit for bit, the values it came in with (changing
  it while you work is allowed, as long as every entry ends where it started).

`quizprep explain gradcheck` explains the error terms and the traps, if you want it.
"""

import numpy as np


def numerical_gradient(f, x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """df/dx by central differences, same shape as x (float64); x is left exactly as it was."""
    raise NotImplementedError


if __name__ == "__main__":
    x = np.array([[0.5, -1.0, 2.0], [1.5, 0.0, -0.5]])
    g = numerical_gradient(lambda v: float(np.sum(v**3)), x)
    print(g.shape, g.dtype)
    print(g)  # close to 3 * x**2: for x**3 the central difference adds h**2, up to rounding
    print("x unchanged:", np.array_equal(x, [[0.5, -1.0, 2.0], [1.5, 0.0, -0.5]]))
