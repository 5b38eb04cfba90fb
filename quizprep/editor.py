"""Which editor opens an exercise file, for the command line and the app: $VISUAL, then $EDITOR, then nano or vi.

The choice is always said: a newcomer without $EDITOR is not dropped silently into vi. nano (which
shows how to exit on screen) is preferred when installed, and the choice is announced with how to
change it.
"""

from __future__ import annotations

import os
import shlex
import shutil
from dataclasses import dataclass

FALLBACKS = ("nano", "vi")  # nano first: its key help is on screen


class EditorProblem(Exception):
    """The configured editor cannot be started; the message says which variable and what to do."""


@dataclass(frozen=True)
class Editor:
    argv: tuple[str, ...]
    source: str  # "$VISUAL", "$EDITOR" or "default"

    @property
    def announcement(self) -> str:
        """What to tell the learner before starting a default editor ("" for one they chose)."""
        if self.source != "default":
            return ""
        return f"opening it in {self.argv[0]} ($EDITOR is not set) — set EDITOR in your shell's profile to use another editor"


def find_editor(environ=None) -> Editor:
    """The editor to run, from the environment; EditorProblem when the variable is unusable or nothing is installed."""
    environ = os.environ if environ is None else environ
    for name in ("VISUAL", "EDITOR"):
        value = environ.get(name, "").strip()
        if not value:
            continue
        try:
            argv = shlex.split(value)
        except ValueError as err:
            raise EditorProblem(f"${name} is {value!r}, which the shell cannot split ({err}) — "
                                f"fix its quotes, e.g. export {name}=nano") from None
        if not argv:
            continue
        if shutil.which(argv[0], path=environ.get("PATH")) is None:
            raise EditorProblem(f"${name} names `{argv[0]}`, which is not installed or not on your PATH — "
                                f"set {name} to an editor you have, e.g. export {name}=nano")
        return Editor(tuple(argv), f"${name}")
    for name in FALLBACKS:
        if shutil.which(name, path=environ.get("PATH")):
            return Editor((name,), "default")
    raise EditorProblem("no editor found: $VISUAL and $EDITOR are not set and neither nano nor vi is installed — "
                        "set EDITOR, e.g. export EDITOR=nano")
