"""Checks for gradcheck: central differences of a scalar f, shaped like x, x left exactly as it was.

The functions differentiated here are written in this file (trusted code) and handed to the
learner's numerical_gradient inside its process; their gradients are known in closed form, so every
result is compared with calculus, and each classic mistake is recognised by running that mistake
here, on the same f and x, and comparing.

Every call of the grade runs in one sandboxed process (`every_gradient`), each its own `guarded` part,
so a numerical_gradient that raises on one input fails that input's checks only.
"""

import numpy as np
import pytest

from quizprep.grading.api import CheckFailed, describe_type, expect_array, guarded, seeded, shape_id

# Central differences with h = 1e-5 in float64 are off by h²|f'''|/6 + ~1e-16 |f| / h, below 1e-8 relative
# for every function here; a forward difference is off by h|f''|/2, about 1.5e-5 relative for exp(3x).
# 1e-6 relative sits 30x above the first and 15x below the second.
RTOL = 1e-6
ATOL = 1e-8  # where the gradient is ~0, rounding (~1e-16 |f| / h ≈ 1e-9 here) is what remains

DEFAULT_H = 1e-5
# Defaults people give h instead of 1e-5 that these checks tell apart from it (1e-3 to 1e-7 do as well here).
WRONG_DEFAULT_H = [1e-1, 1e-2, 1e-8, 1e-9, 1e-10, 1e-12]
SHAPES = [(1,), (7,), (1, 5), (4, 3), (2, 3, 4)]
A = seeded(100).normal(size=(5, 4))


def sum_of_squares(v):
    return float(np.sum(v**2))


def sum_of_sin(v):
    return float(np.sum(np.sin(v)))


def sum_of_exp3(v):
    return float(np.sum(np.exp(3 * v)))


def sum_of_cubes(v):
    return float(np.sum(v**3))


def squared_norm_of_A_x(v):
    return float(np.sum((A @ v) ** 2))


def logsumexp_rows(v):
    return float(np.sum(np.log(np.sum(np.exp(v), axis=1))))


def softmax_rows(v):
    e = np.exp(v - v.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def gradient(m, f, x, *h):
    g = m.numerical_gradient(f, x, *h)
    return g, x, g is x


def gradient_watching_f(m, f, x):
    """Also report the most entries of x that differed from the original in any one call of f."""
    x0 = x.copy()
    most = [0]

    def watched(v):
        try:
            most[0] = max(most[0], int(np.sum(np.asarray(v) != x0)))
        except Exception:  # noqa: BLE001 - a wrongly shaped argument is reported by the comparison, not here
            most[0] = -1
        return f(v)

    g = m.numerical_gradient(watched, x)
    return g, x, most[0], g is x


# --- every input of the grade: (probe, f, x, *h) per part of the shared run ----------------------------

SQUARES_SHAPES = SHAPES
RESTORE_SHAPES = [(7,), (4, 3), (2, 3, 4)]
SIN_SHAPES = [(7,), (3, 4)]
AX_SHAPES = [(4,), (4, 3), (4, 1)]
LOGSUMEXP_SHAPES = [(3, 5), (1, 5)]
GIVEN_H = [0.1, 0.01]

RUNS = {
    **{f"squares {shape_id(s)}": (gradient, sum_of_squares, seeded(sum(s)).normal(size=s)) for s in SQUARES_SHAPES},
    **{f"restore {shape_id(s)}": (gradient_watching_f, sum_of_sin, seeded(10 + len(s)).normal(size=s)) for s in RESTORE_SHAPES},
    "new array": (gradient, sum_of_squares, seeded(20).normal(size=(3, 4))),
    **{f"sin {shape_id(s)}": (gradient, sum_of_sin, seeded(30 + len(s)).uniform(-3, 3, size=s)) for s in SIN_SHAPES},
    # Not separable: every entry's derivative depends on all of x, so a perturbation left behind shows.
    **{f"A x {shape_id(s)}": (gradient, squared_norm_of_A_x, seeded(40 + len(s)).normal(size=s)) for s in AX_SHAPES},
    **{f"logsumexp {shape_id(s)}": (gradient, logsumexp_rows, seeded(50 + s[0]).normal(size=s)) for s in LOGSUMEXP_SHAPES},
    # exp(3x) has a large second derivative (9 exp(3x)): a forward difference is off by ~1.5e-5 relative,
    # the central one by ~1e-10.
    "exp3": (gradient, sum_of_exp3, seeded(60).uniform(-1, 1, size=(6,))),
    # For x**3 the central difference is exactly ((x+h)**3 - (x-h)**3) / (2h) = 3x² + h²: the h² shows.
    **{f"cubes h={h:g}": (gradient, sum_of_cubes, seeded(70).uniform(-2, 2, size=(2, 3)), h) for h in GIVEN_H},
}


def every_gradient(m):
    """Every call of the grade in one sandboxed run, each a part of its own."""
    return {name: guarded(m, probe, *args) for name, (probe, *args) in RUNS.items()}


def run(learner, name):
    """The part `name` of the shared run, and its x (as the check has it, untouched)."""
    return learner.part(every_gradient, name).value, RUNS[name][2]


# --- the classic mistakes, run here on the same f and x to recognise them by name --------------------

def _one_sided(f, x, h, forward):
    x = x.copy()
    grad = np.zeros(x.shape)
    f0 = f(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h if forward else old - h
        grad[i] = (f(x) - f0) / h if forward else (f0 - f(x)) / h
        x[i] = old
    return grad


def _central(f, x, h):
    x = x.copy()
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        plus = f(x)
        x[i] = old - h
        minus = f(x)
        x[i] = old
        grad[i] = (plus - minus) / (2 * h)
    return grad


def _rows_at_a_time(f, x, h, view):
    """`for i in range(len(x))` on an array of 2 or more dimensions: x[i] is a whole row (a view, unless copied)."""
    x = x.copy()
    grad = np.zeros(x.shape)
    for i in range(len(x)):
        old = x[i] if view else x[i].copy()
        x[i] = old + h
        plus = f(x)
        x[i] = old - h
        minus = f(x)
        x[i] = old
        grad[i] = (plus - minus) / (2 * h)
    return grad


def mistakes(f, x, h):
    """(what the learner did wrong — what to do, the gradient that mistake gives), most likely first."""
    central = _central(f, x, h)
    found = [
        ("a forward difference (f(x + h) - f(x)) / h, whose error is ~h — use the central difference "
         "(f(x + h) - f(x - h)) / (2h), whose error is ~h²", _one_sided(f, x, h, forward=True)),
        ("a backward difference (f(x) - f(x - h)) / h, whose error is ~h — use the central difference "
         "(f(x + h) - f(x - h)) / (2h)", _one_sided(f, x, h, forward=False)),
        ("divided by h instead of 2h — x + h and x - h are 2h apart", 2 * central),
        ("`/ 2 * h` multiplies by h — write `/ (2 * h)`", central * h * h),
    ]
    if h != DEFAULT_H:
        found.append((f"h was ignored — use the h you are given ({h:g}), not a fixed {DEFAULT_H:g}", _central(f, x, DEFAULT_H)))
    else:  # called without h: a default other than the contract's
        for wrong in WRONG_DEFAULT_H:
            why = ("too large: the central difference is off by about h² times the third derivative" if wrong > DEFAULT_H else
                   "too small: the rounding error of f(x + h) - f(x - h), about 1e-16 |f|, is divided by 2h")
            found.append((f"the default h is {wrong:g}, {why} — the default is h=1e-5", _central(f, x, wrong)))
    if x.ndim >= 2:
        for view in (True, False):
            found.append(("each step moved a whole row: on an array of 2 or more dimensions x[i] is a row — "
                          "visit every entry with np.ndindex(x.shape)", _rows_at_a_time(f, x, h, view)))
    return found


def expect_gradient_of(got, want, f, x, h, *, name):
    """Compare with the analytic gradient; when wrong, name the mistake that reproduces `got`."""
    try:
        expect_array(got, want, name=name, rtol=RTOL, atol=ATOL, inputs={"x": x})
    except CheckFailed:
        candidates = mistakes(f, x, h) if isinstance(got, np.ndarray) and got.shape == x.shape else []
        match = next(((text, value) for text, value in candidates if np.allclose(got, value, rtol=RTOL, atol=ATOL)), None)
        expect_array(got, want, name=name, rtol=RTOL, atol=ATOL, inputs={"x": x}, alternatives=dict([match]) if match else None)


def expect_x_unchanged(x, x_after, *, h=DEFAULT_H, same=False, most=None):
    if isinstance(x_after, np.ndarray) and x_after.shape == x.shape and np.array_equal(x_after, x):
        return
    lines = ()
    if same:
        lines = ("likely mistake: the gradient was written into x and x returned — build the result in a new array, "
                 "e.g. grad = np.zeros(x.shape)",)
    elif isinstance(x_after, np.ndarray) and x_after.shape == x.shape:
        shift = x_after - x
        changed = int(np.sum(shift != 0))
        lines = (f"{changed} of {x.size} entries changed; the largest change is {float(np.max(np.abs(shift))):.3g}",)
        if np.allclose(np.abs(shift), h, rtol=1e-6, atol=0):
            lines += ("likely mistake: x[i] was not restored after perturbing it — save old = x[i] first and "
                      "assign x[i] = old after the two evaluations",)
        elif np.all(np.abs(shift) <= 1e-12 * np.maximum(1.0, np.abs(x))):
            lines += ("likely mistake: x[i] was restored with arithmetic (adding and subtracting h), which leaves rounding "
                      "errors — save old = x[i] first and assign x[i] = old",)
    if most is not None and most > 1:
        lines += (f"while numerical_gradient ran, f once saw {most} entries of x changed at the same time; "
                  "it should see exactly one perturbed entry per call",)
    raise CheckFailed("numerical_gradient modified x: when it returns, x must hold exactly the values it came in with", lines)


@pytest.mark.parametrize("shape", SQUARES_SHAPES, ids=shape_id)
def test_gradient_of_sum_of_squares_is_2x(learner, shape):
    (got, _, _), x = run(learner, f"squares {shape_id(shape)}")
    expect_gradient_of(got, 2 * x, sum_of_squares, x, DEFAULT_H, name="numerical_gradient(sum(x**2), x)")


@pytest.mark.parametrize("shape", RESTORE_SHAPES, ids=shape_id)
def test_x_is_left_exactly_as_it_was(learner, shape):
    (_, x_after, most, same), x = run(learner, f"restore {shape_id(shape)}")
    expect_x_unchanged(x, x_after, same=same, most=most)


def test_returns_a_new_float64_array(learner):
    (got, x_after, same), x = run(learner, "new array")
    if same:
        raise CheckFailed("numerical_gradient returned x itself", ("build the result in a new array, e.g. grad = np.zeros(x.shape)",))
    if not isinstance(got, np.ndarray):
        raise CheckFailed(f"numerical_gradient should return an array shaped like x {x.shape}, got {describe_type(got)}",
                          ("did you forget `return`?",) if got is None else ())
    if got.dtype != np.float64:
        raise CheckFailed(f"numerical_gradient returned dtype {got.dtype}, expected float64",
                          ("allocate the result as float64, e.g. np.zeros(x.shape)",))
    expect_x_unchanged(x, x_after)


@pytest.mark.parametrize("shape", SIN_SHAPES, ids=shape_id)
def test_gradient_of_sum_of_sin_is_cos(learner, shape):
    (got, _, _), x = run(learner, f"sin {shape_id(shape)}")
    expect_gradient_of(got, np.cos(x), sum_of_sin, x, DEFAULT_H, name="numerical_gradient(sum(sin(x)), x)")


@pytest.mark.parametrize("shape", AX_SHAPES, ids=shape_id)
def test_gradient_of_squared_norm_of_A_x_is_2_At_A_x(learner, shape):
    (got, _, _), x = run(learner, f"A x {shape_id(shape)}")
    expect_gradient_of(got, 2 * A.T @ A @ x, squared_norm_of_A_x, x, DEFAULT_H,
                       name=f"numerical_gradient(sum((A @ x)**2), x) with A of shape {A.shape}")


@pytest.mark.parametrize("shape", LOGSUMEXP_SHAPES, ids=shape_id)
def test_gradient_of_logsumexp_of_each_row_is_softmax(learner, shape):
    (got, _, _), x = run(learner, f"logsumexp {shape_id(shape)}")
    expect_gradient_of(got, softmax_rows(x), logsumexp_rows, x, DEFAULT_H,
                       name="numerical_gradient(sum(log(sum(exp(x), axis=1))), x)")


def test_uses_central_not_forward_differences(learner):
    (got, _, _), x = run(learner, "exp3")
    expect_gradient_of(got, 3 * np.exp(3 * x), sum_of_exp3, x, DEFAULT_H, name="numerical_gradient(sum(exp(3x)), x)")


@pytest.mark.parametrize("h", GIVEN_H)
def test_uses_the_given_h(learner, h):
    (got, _, _), x = run(learner, f"cubes h={h:g}")
    expect_gradient_of(got, 3 * x**2 + h**2, sum_of_cubes, x, h, name=f"numerical_gradient(sum(x**3), x, h={h:g})")
