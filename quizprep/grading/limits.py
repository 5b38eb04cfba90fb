"""What one call of learner code may use (a light module: importing it loads no numpy)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """What one call of learner code may use."""

    memory_mb: int = 1024          # address space on top of what the grading process already maps
    output_bytes: int = 32 * 1024  # captured prints kept per call; the rest is read and dropped
    file_mb: int = 64              # largest file the learner's code may write


GRACE_S = 20.0  # for start-up and pytest itself, beyond the learner's time limit
