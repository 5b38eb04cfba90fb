"""Central finite differences and the relative error used to judge analytic gradients."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .diagnosis import CheckFailed, _fmt, _where, distinct_digits, likely_mistake, relative_errors

# Central differences in float64 with h = 1e-5 have truncation error ~h² and rounding error ~1e-11;
# a correct analytic gradient lands below 1e-7 relative error, a wrong one is typically above 1e-2.
GRADCHECK_H = 1e-5
GRADCHECK_THRESHOLD = 1e-7


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = GRADCHECK_H) -> np.ndarray:
    """d f / d x by central differences; x (float64) is perturbed in place and restored."""
    grad = np.zeros_like(x, dtype=np.float64)
    it = np.nditer(x, flags=["multi_index"], op_flags=[["readwrite"]])
    for _ in it:
        i = it.multi_index
        old = x[i]
        x[i] = old + h
        plus = float(f(x))
        x[i] = old - h
        minus = float(f(x))
        x[i] = old
        grad[i] = (plus - minus) / (2 * h)
    return grad


def rel_error(a: np.ndarray, b: np.ndarray) -> float:
    """The largest elementwise |a - b| / max(1e-8, |a| + |b|) (CS231n's), the figure gradient checks compare and print."""
    return float(np.max(relative_errors(a, b))) if np.asarray(a).size else 0.0


def expect_gradient(analytic, numeric: np.ndarray, *, name: str = "the gradient", threshold: float = GRADCHECK_THRESHOLD,
                    batch_size: int | None = None, alternatives=None, extra: tuple[str, ...] = ()) -> None:
    """Fail unless the analytic gradient matches finite differences within the relative-error threshold.

    `batch_size` and `alternatives` name the likely mistake as in `expect_array` (compared with the
    finite-difference gradient, at a tolerance loose enough for its error).
    """
    if not isinstance(analytic, np.ndarray) or analytic.shape != numeric.shape:
        shape = getattr(analytic, "shape", type(analytic).__name__)
        lines = tuple(extra)
        if isinstance(analytic, np.ndarray):
            mistake = likely_mistake(analytic, numeric, batch_size=batch_size, alternatives=alternatives, rtol=1e-4, atol=1e-7)
            lines = ((f"likely mistake: {mistake}",) if mistake else ()) + lines
        raise CheckFailed(f"{name} has shape {shape}, expected {numeric.shape} (the shape of what it differentiates)", lines)
    err = rel_error(analytic, numeric)
    if not np.isfinite(err) or err > threshold:
        rel = relative_errors(analytic, numeric).ravel()
        rel = np.where(np.isnan(rel), np.inf, rel)
        worst = int(np.argmax(rel))
        digits = distinct_digits([(numeric.ravel()[worst], analytic.ravel()[worst])])
        lines = (f"finite differences: {_fmt(numeric, digits=digits)}", f"your gradient:      {_fmt(analytic, digits=digits)}",
                 f"the worst entry, at {_where(numeric.shape, worst)}: finite differences {float(numeric.ravel()[worst]):.{digits}g}, "
                 f"yours {float(analytic.ravel()[worst]):.{digits}g}, relative error {float(rel[worst]):.3g}")
        # finite differences carry ~1e-9 relative error, so the recognisers compare at a looser tolerance
        mistake = likely_mistake(analytic.astype(np.float64), numeric, batch_size=batch_size, alternatives=alternatives,
                                 rtol=1e-4, atol=1e-7)
        if mistake:
            lines += (f"likely mistake: {mistake}",)
        shown = distinct_digits([(err, threshold)], least=2)  # never "relative error 1e-07, threshold 1e-07"
        raise CheckFailed(f"{name} disagrees with finite differences (relative error {err:.{shown}g}, threshold {threshold:g})",
                          lines + tuple(extra))
