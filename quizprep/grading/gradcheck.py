"""Central finite differences and the relative error used to judge analytic gradients."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .diagnosis import CheckFailed, _fmt, likely_mistake

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
    """max |a - b| / max(1e-8, |a| + |b|), elementwise, as in CS231n's gradient check."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b)))) if a.size else 0.0


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
        lines = (f"finite differences: {_fmt(numeric)}", f"your gradient:      {_fmt(analytic)}")
        # finite differences carry ~1e-9 relative error, so the recognisers compare at a looser tolerance
        mistake = likely_mistake(analytic.astype(np.float64), numeric, batch_size=batch_size, alternatives=alternatives,
                                 rtol=1e-4, atol=1e-7)
        if mistake:
            lines += (f"likely mistake: {mistake}",)
        raise CheckFailed(f"{name} disagrees with finite differences (relative error {err:.2g}, threshold {threshold:g})",
                          lines + tuple(extra))
