"""What one grade and one call of learner code may use (a light module: importing it loads no numpy)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """What one grade and one call of learner code may use."""

    timeout_s: float = 10.0        # wall-clock time for a whole grade (every call of learner code shares it)
    memory_mb: int = 1024          # address space on top of what the learner's process already maps
    output_bytes: int = 32 * 1024  # captured prints kept per call; the rest is read and dropped
    file_mb: int = 64              # largest file the learner's code may write


GRACE_S = 20.0  # for start-up and pytest itself, beyond the learner's time limit
DEFAULT_TIMEOUT_S = Limits().timeout_s
