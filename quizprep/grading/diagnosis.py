"""Comparing a learner's value with the reference, and naming the likely mistake when it is wrong.

Everything here runs in the trusted grading process on decoded values. A failed comparison raises
`CheckFailed` with a one-line message and a few lines of diagnosis written for the learner.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .wire import Unsupported

# One definition of relative error everywhere, checks and messages alike (CS231n's):
#     rel_error(a, b) = |a - b| / max(1e-8, |a| + |b|), elementwise.
# An entry passes when its abs error is within ATOL or its relative error within RTOL, and a failure
# prints those two figures next to those two tolerances, so a learner can always see why it failed.
# Reference and learner compute in float64; a different but correct formula (einsum instead of @,
# another stable softmax) moves results by ~1e-15 relative, so 1e-7 accepts every correct answer
# while any real mistake is off by many orders of magnitude more. ATOL covers entries that should be
# 0 and come out as ~1e-17 from a different order of operations.
RTOL = 1e-7
ATOL = 1e-10
# Far above float64 rounding (~1e-16) and far below float32's (~6e-8): how close a float64 result
# must be to tell it apart from a float32 one (see _float32_precision).
FLOAT64_RTOL = 1e-12
FLOAT32_RTOL = 1e-5  # a few float32 roundings: beyond this a float32 result is simply wrong
FLOAT32_TINY = 1e-30  # below float32's normal range its numbers are sparse: such entries tell nothing
# Numbers are printed with at least this many significant digits, and with more when two numbers
# that differ would otherwise look equal (a failure never shows "expected 0.964244, got 0.964244").
DIGITS = 6
MAX_DIGITS = 17  # enough to tell any two distinct float64 values apart
# Rounding is recognised up to this many decimals (or significant digits): round(x, 4), f"{x:.3f}".
MAX_ROUNDED_DIGITS = 8


class CheckFailed(AssertionError):
    """A check's verdict: what is wrong (one line) and how it showed (a few lines)."""

    def __init__(self, message: str, diagnosis: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.diagnosis = tuple(diagnosis)


def relative_errors(a, b) -> np.ndarray:
    """|a - b| / max(1e-8, |a| + |b|), elementwise in float64: the one relative error every check and message uses."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    with np.errstate(all="ignore"):
        return np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))


def within_tolerance(got, want, rtol: float = RTOL, atol: float = ATOL) -> np.ndarray:
    """Elementwise: abs error <= atol or relative error (see relative_errors) <= rtol; NaN never passes."""
    got = np.asarray(got, dtype=np.float64)
    want = np.asarray(want, dtype=np.float64)
    with np.errstate(all="ignore"):
        err = np.abs(got - want)
        same_inf = np.isinf(got) & (got == want)
        return same_inf | (err <= atol) | (relative_errors(got, want) <= rtol)


def distinct_digits(pairs, least: int = DIGITS) -> int:
    """The fewest significant digits (at least `least`) at which every (a, b) pair with a != b prints differently."""
    digits = least
    for a, b in pairs:
        a, b = float(a), float(b)
        while digits < MAX_DIGITS and a != b and f"{a:.{digits}g}" == f"{b:.{digits}g}":
            digits += 1
    return digits


def _fmt(a: np.ndarray, n: int = 6, digits: int = DIGITS) -> str:
    flat = np.asarray(a).ravel()
    if flat.dtype.kind in "fc":
        body = "[" + ", ".join(f"{float(v):.{digits}g}" for v in flat[:n]) + "]"
    else:
        body = np.array2string(flat[:n], separator=", ", max_line_width=10_000)
    return body[:-1] + ", …]" if flat.size > n else body


def _where(shape: tuple[int, ...], flat_index: int) -> str:
    return str([int(i) for i in np.unravel_index(flat_index, shape)]) if shape else "[]"


def _close(a, b, rtol: float, atol: float) -> bool:
    try:
        a, b = np.asarray(a), np.asarray(b)
        return a.shape == b.shape and bool(np.all(within_tolerance(a, b, rtol, atol)))
    except (TypeError, ValueError):
        return False


def _close_or_same_nan(a, b, rtol: float, atol: float) -> bool:
    try:
        a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
        return a.shape == b.shape and bool(np.all(within_tolerance(a, b, rtol, atol) | (np.isnan(a) & np.isnan(b))))
    except (TypeError, ValueError):
        return False


def _float32_precision(got: np.ndarray, want: np.ndarray) -> bool:
    """True when float64 `got` is `want` computed in float32 and cast back.

    Only entries where `want` is not itself a float32 number (and not tiny) can tell: there `got` is a
    float32 number, within float32's rounding of `want` but not within float64's. A float64 result within
    1e-12 of such a `want` cannot be a float32 number (those are ~6e-8 apart), so the verdict never
    depends on luck, and a wrong formula (off by far more than float32 rounding) is left to the others.
    """
    if got.dtype != np.float64 or want.dtype != np.float64 or got.shape != want.shape or not got.size:
        return False
    with np.errstate(all="ignore"):
        telling = np.isfinite(want) & (np.abs(want) > FLOAT32_TINY) & (want.astype(np.float32).astype(np.float64) != want)
        if not np.any(telling):
            return False
        g, w = got[telling], want[telling]
        if not np.all(np.isfinite(g)) or not np.all(g.astype(np.float32).astype(np.float64) == g):
            return False
        rel = np.abs(g - w) / np.abs(w)  # no 1e-8 floor here: tiny entries are precisely what float32 gets wrong
        return bool(np.all(rel <= FLOAT32_RTOL) and np.any(rel > FLOAT64_RTOL))


def rounded_to(got: np.ndarray, want: np.ndarray) -> str | None:
    """'4 decimals' or '3 significant digits' when `got` looks like `want` rounded that way, else None."""
    try:
        got = np.asarray(got, dtype=np.float64)
        want = np.asarray(want, dtype=np.float64)
    except (TypeError, ValueError):
        return None
    if got.shape != want.shape or not got.size or not (np.all(np.isfinite(got)) and np.all(np.isfinite(want))):
        return None
    for k in range(MAX_ROUNDED_DIGITS + 1):
        # a value rounded to k decimals is within half a unit of the k-th decimal of the true one
        if np.all(np.round(got, k) == got) and np.all(np.abs(got - want) <= 0.5 * 10.0 ** -k * (1 + 1e-9) + 1e-15):
            return f"{k} decimals"
    for k in range(1, MAX_ROUNDED_DIGITS + 1):
        if all(float(f"{g:.{k}g}") == g for g in got.ravel()):  # stops at the first value with more digits
            unit = 10.0 ** (np.floor(np.log10(np.maximum(np.abs(want), 1e-300))) - (k - 1))
            if np.all(np.abs(got - want) <= 0.5 * unit * (1 + 1e-9) + 1e-15):
                return f"{k} significant digits"
    return None


def describe_type(value) -> str:
    """A value's kind as a learner would read it."""
    if isinstance(value, Unsupported):
        return f"an object of type {value.type_name} ({value.text})"
    if value is None:
        return "None"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    return f"a {type(value).__name__} ({value!r})"[:200]


def likely_mistake(got: np.ndarray, want: np.ndarray, *, batch_size: int | None = None,
                   alternatives: Mapping[str, np.ndarray] | None = None, rtol: float = RTOL, atol: float = ATOL) -> str | None:
    """Name the mistake that turns `want` into `got`, when it is one we recognise."""
    for mistake, value in (alternatives or {}).items():
        value = np.asarray(value)
        if value.shape == got.shape and _close_or_same_nan(got, value, rtol, atol):
            return mistake
    if got.shape != want.shape:
        if got.ndim > want.ndim and 1 in got.shape and got.size == want.size and _close(got.reshape(want.shape), want, rtol, atol) \
                and tuple(d for d in got.shape if d != 1) == tuple(d for d in want.shape if d != 1):
            return (f"the right numbers with an extra axis of length 1: shape {got.shape}, expected {want.shape} — "
                    "keepdims=True (or [None], or a reshape) kept the reduced axis; drop it")
        if got.shape == want.shape[::-1] and got.ndim >= 2 and _close(got.T, want, rtol, atol):
            return "the result is transposed — check the order of the operands and which side gets .T"
        if got.ndim == want.ndim + 1 and got.shape[1:] == want.shape and _close(got.sum(axis=0), want, rtol, atol):
            return "a missing sum over the batch axis — add up the per-example contributions (.sum(axis=0))"
        if got.ndim == want.ndim + 1 and got.shape[1:] == want.shape and _close(got.mean(axis=0), want, rtol, atol):
            return "a per-example result where one value was expected — reduce over the batch axis"
        if got.size == want.size and _close(got.reshape(want.shape), want, rtol, atol):
            return f"the right numbers in the wrong shape — return shape {want.shape}, not {got.shape}"
        return None
    if not np.all(np.isfinite(got)) and np.all(np.isfinite(want)):
        return "NaN or inf where the answer is finite — an overflow (exp of a large number?) or a division by zero"
    if np.any(want != 0) and _close(got, -want, rtol, atol):
        return "the sign is flipped"
    if got.ndim == 2 and got.shape[0] == got.shape[1] and _close(got, want.T, rtol, atol) and not _close(got, want, rtol, atol):
        return "the result is transposed — check the order of the operands and which side gets .T"
    if batch_size and batch_size > 1:
        if _close(got, want * batch_size, rtol, atol):
            return f"off by a factor of the batch size ({batch_size}) — divide by the batch size (the loss is a mean)"
        if _close(got * batch_size, want, rtol, atol):
            return f"divided by the batch size ({batch_size}) once too often"
    rounded = rounded_to(got, want)
    if rounded and np.any(got != np.round(got)) and not _close(got, want, rtol, atol):
        return f"the values look rounded to {rounded} — return them unrounded (no round(), np.round or string formatting)"
    denom = float(np.vdot(want, want))
    # one number is always some multiple of another: a factor only says something across several entries
    if denom > 0 and np.count_nonzero(want) >= 2:
        k = float(np.vdot(got, want)) / denom
        if abs(k) > 1e-12 and abs(k - 1) > 1e-6 and _close(got, k * want, rtol, atol):
            return f"every value is {k:.6g} times the expected one — a constant factor is wrong"
    if np.any(got == 0) and _close(np.where(got == 0, want, got), want, rtol, atol) and np.sum(got != want) > 0:
        return "some entries are 0 where they should not be — a mask or a condition is off (check > vs >=)"
    return None


def expect_array(got, want, *, name: str = "the result", rtol: float = RTOL, atol: float = ATOL,
                 inputs: Mapping[str, np.ndarray] | None = None, batch_size: int | None = None,
                 alternatives: Mapping[str, np.ndarray] | None = None, dtype_kind: str = "f",
                 extra: tuple[str, ...] = ()) -> None:
    """Fail unless `got` is an array of want's shape, float dtype and values within tolerance.

    `extra` lines are added to the diagnosis of any failure (an exercise-specific hint).
    """
    try:
        _expect_array(got, np.asarray(want), name, rtol, atol, inputs, batch_size, alternatives, dtype_kind)
    except CheckFailed as failed:
        if extra:
            raise CheckFailed(failed.message, failed.diagnosis + tuple(extra)) from None
        raise


def _expect_array(got, want, name, rtol, atol, inputs, batch_size, alternatives, dtype_kind) -> None:
    context = _context(inputs)
    if want.ndim == 0 and isinstance(got, (float, np.generic)) and not isinstance(got, Unsupported):
        # numpy's ufuncs turn a 0-d array into a numpy scalar (1 - np.tanh(x)**2 is np.float64 for x of
        # shape ()): that is the right answer for a 0-d input, and keeps its dtype for the check below
        got = np.asarray(got)
    if isinstance(got, (list, tuple)) and not isinstance(got, Unsupported):
        raise CheckFailed(f"{name} should be a numpy array, got {describe_type(got)}",
                          ("wrap it with np.array(...) or build it with numpy operations",) + context)
    if not isinstance(got, np.ndarray):
        hint = ("did you forget `return`?",) if got is None else ()
        raise CheckFailed(f"{name} should be an array of shape {want.shape}, got {describe_type(got)}", hint + context)
    if got.dtype.kind not in dtype_kind:
        raise CheckFailed(f"{name} has dtype {got.dtype}, expected float64",
                          ("convert it with .astype(np.float64) (comparisons give bool arrays)",) + context)
    if dtype_kind == "f" and want.dtype == np.float64 and got.dtype != np.float64:
        raise CheckFailed(f"{name} has dtype {got.dtype}, expected float64",
                          ("keep float64 throughout: lower precision changes the digits that gradients are checked on",) + context)
    mistake = likely_mistake(got, want, batch_size=batch_size, alternatives=alternatives, rtol=rtol, atol=atol)
    if got.shape != want.shape:
        lines = context + ((f"likely mistake: {mistake}",) if mistake else ())
        raise CheckFailed(f"{name} has shape {got.shape}, expected {want.shape}", lines)
    if dtype_kind == "f" and _float32_precision(got, want):
        raise CheckFailed(f"{name} has float32 precision: every value is a float32 number stored as float64", context + (
            "the computation went through float32 (an .astype(np.float32), or float32 inputs) and was cast back: "
            "that loses half the digits, so it is right on some inputs and off on others — keep it in float64",))
    ok = within_tolerance(got, want, rtol, atol)
    if np.all(ok):
        return
    g64 = got.astype(np.float64)
    with np.errstate(all="ignore"):
        err = np.abs(g64 - want)
        rel = relative_errors(g64, want)
        err, rel = (np.where(ok, 0.0, np.where(np.isnan(e), np.inf, e)) for e in (err, rel))
        # the worst entry is the one furthest outside its tolerance, judged the way the check judges it
        excess = np.where(ok, -1.0, np.minimum(err / max(atol, 1e-300), rel / max(rtol, 1e-300)))
    worst = int(np.argmax(excess)) if err.size else 0
    w, g = float(want.ravel()[worst]), float(g64.ravel()[worst])
    shown = [(a, b) for a, b, bad in zip(want.ravel()[:6], g64.ravel()[:6], ~ok.ravel()[:6], strict=True) if bad]
    digits = distinct_digits([(w, g), *shown])
    errors = (f"abs error {float(err.ravel()[worst]):.3g} (tolerance {atol:g}), "
              f"relative error {float(rel.ravel()[worst]):.3g} (tolerance {rtol:g})")
    if want.ndim == 0:
        lines = context + (f"expected {w:.{digits}g}, got {g:.{digits}g}: {errors}",)
    else:
        lines = context + (
            f"expected: {_fmt(want, digits=digits)}",
            f"got:      {_fmt(got, digits=digits)}",
            f"{int(np.sum(~ok))} of {ok.size} entries outside the tolerance; the worst, at {_where(want.shape, worst)}: "
            f"expected {w:.{digits}g}, got {g:.{digits}g}: {errors}",
        )
    lines += (f"likely mistake: {mistake}",) if mistake else ()
    raise CheckFailed(f"{name} is wrong", lines)


def expect_scalar(got, want: float, *, name: str = "the result", rtol: float = RTOL, atol: float = ATOL,
                  inputs: Mapping[str, np.ndarray] | None = None, batch_size: int | None = None,
                  alternatives: Mapping[str, float] | None = None, extra: tuple[str, ...] = ()) -> None:
    """Fail unless `got` is one real number (a Python or numpy float, not an array) within tolerance of `want`."""
    context = _context(inputs)
    if isinstance(got, np.ndarray):
        raise CheckFailed(f"{name} should be a plain float, got {describe_type(got)}",
                          ("return float(...) of it",) + context + tuple(extra))
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, (int, float, np.integer, np.floating)):
        raise CheckFailed(f"{name} should be a float, got {describe_type(got)}", context + tuple(extra))
    expect_array(np.asarray(float(got)), np.asarray(float(want)), name=name, rtol=rtol, atol=atol, inputs=inputs,
                 batch_size=batch_size, alternatives={k: np.asarray(float(v)) for k, v in (alternatives or {}).items()}, extra=extra)


def expect_float64_precision(got, *, name: str = "the result",
                             hint: str = "keep the computation in float64: no .astype(np.float32)") -> None:
    """Fail if `got` is a float array of another precision than float64 (float32, float16), with `hint` as the diagnosis.

    Call it before comparing values when a lower-precision result deserves its own exercise-specific
    hint: float32 is off by ~1e-7 relative, which could otherwise read as a slightly wrong formula.
    Anything that is not a float array passes here and is left to expect_array.
    """
    if isinstance(got, np.ndarray) and got.dtype.kind == "f" and got.dtype != np.float64:
        raise CheckFailed(f"{name} has dtype {got.dtype}, expected float64", (hint,))


def expect_unchanged(before: np.ndarray, after, *, name: str = "x") -> None:
    """Fail if a function changed an input it must leave alone."""
    if not isinstance(after, np.ndarray) or after.shape != before.shape or not np.array_equal(after, before, equal_nan=True):
        raise CheckFailed(f"your function modified its input `{name}` in place",
                          ("work on a copy or build a new array (e.g. x * mask, not x[mask] = 0)",))


def expect_true(condition: bool, message: str, *diagnosis: str) -> None:
    """Fail with a learner-facing message unless condition holds."""
    if not condition:
        raise CheckFailed(message, tuple(diagnosis))


def _context(inputs: Mapping[str, np.ndarray] | None) -> tuple[str, ...]:
    if not inputs:
        return ()
    parts = []
    for key, value in inputs.items():
        arr = np.asarray(value)
        parts.append(f"{key}: shape {arr.shape}" if arr.ndim else f"{key} = {arr!r}")
    return ("input " + ", ".join(parts),)
