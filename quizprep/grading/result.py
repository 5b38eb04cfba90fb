"""The outcome of grading one exercise: a small, stable schema (status, checks, duration)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field


@dataclass(frozen=True)
class CheckResult:
    """One check: its name, status, a message for the learner and, on failure, a diagnosis."""

    name: str
    status: str  # pass, fail, error, timeout, or not_run (something before it stopped the checks)
    message: str = ""
    diagnosis: tuple[str, ...] = ()
    output: str = ""


@dataclass(frozen=True)
class GradeResult:
    """A whole grade. `status` is pass only when every check reported a pass."""

    exercise: str
    status: str  # pass, fail, error or timeout
    checks: tuple[CheckResult, ...] = ()
    duration_s: float = 0.0
    message: str = ""  # what went wrong before any check could run
    detail: str = ""   # e.g. the learner's traceback for that
    output: str = field(default="", repr=False)

    @property
    def passed(self) -> int:
        return sum(c.status == "pass" for c in self.checks)

    @property
    def first_failure(self) -> CheckResult | None:
        return next((c for c in self.checks if c.status not in ("pass", "not_run")), None)

    def to_dict(self) -> dict:
        """The `--json` form."""
        return {
            "exercise": self.exercise,
            "status": self.status,
            "checks": [
                {"name": c.name, "status": c.status, "message": c.message, **({"diagnosis": list(c.diagnosis)} if c.diagnosis else {})}
                for c in self.checks
            ],
            "duration_s": round(self.duration_s, 3),
            **({"message": self.message} if self.message else {}),
            **({"detail": self.detail} if self.detail else {}),
            **({"output": self.output} if self.output else {}),
        }

    @classmethod
    def from_dict(cls, data: dict) -> GradeResult:
        return cls(
            exercise=data["exercise"], status=data["status"],
            checks=tuple(CheckResult(c["name"], c["status"], c.get("message", ""), tuple(c.get("diagnosis", ())), c.get("output", ""))
                         for c in data.get("checks", ())),
            duration_s=float(data.get("duration_s", 0.0)), message=data.get("message", ""),
            detail=data.get("detail", ""), output=data.get("output", ""),
        )

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


def overall_status(checks: tuple[CheckResult, ...]) -> str:
    """pass only if there are checks and all passed; else the gravest of timeout, error, fail."""
    statuses = {c.status for c in checks}
    if not checks:
        return "error"
    for status in ("timeout", "error", "fail"):
        if status in statuses:
            return status
    return "pass" if statuses == {"pass"} else "error"
