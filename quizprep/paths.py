"""Where things live: the learner's home (all mutable state) and the built-in content.

Built-in banks, stubs and solutions come from the checkout when quizprep runs from one, and from
the copies installed inside the package otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT = PACKAGE_DIR.parent
_INSTALLED = PACKAGE_DIR / "_data"
CONTENT_DIRS = ("question_bank", "exercises", "solutions")


def content_dir(name: str) -> Path:
    """The folder of built-in content `name` (one of CONTENT_DIRS)."""
    if name not in CONTENT_DIRS:
        raise ValueError(f"unknown content folder {name!r}")
    if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / name).is_dir():
        return _CHECKOUT / name
    return _INSTALLED / name


def home() -> Path:
    """The folder that holds all mutable state: $QUIZPREP_HOME, else the user data dir."""
    env = os.environ.get("QUIZPREP_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("quizprep", appauthor=False))


def bank_paths() -> list[Path]:
    """The folders whose banks the app loads: the built-in ones."""
    return [content_dir("question_bank")]
