"""Problems found in a bank: one located, human-readable line each."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a bank file, at a 1-based line and column."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class ProblemList(list):
    """Problems for one file, with a helper that takes positions from YAML nodes."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def at(self, node, message: str) -> None:
        """Record a problem at the start of a YAML node (or a (line, col) pair, 0-based)."""
        if node is None:
            line, col = 0, 0
        elif isinstance(node, tuple):
            line, col = node
        else:
            mark = node.start_mark
            line, col = mark.line, mark.column
        self.append(Problem(self.path, line + 1, col + 1, message))
