"""Reading one preference before the store is opened, so the first frame already has the learner's theme.

Opening the store properly (checking, migrating, backing up) is the home screen's work, off the first
frame. This reads the settings table read-only and gives up quietly: a file that is not there yet holds no
preference; anything unusual (a damaged or locked file, an old schema) raises PreferenceUnknown, and the
caller asks the store once it is open, which says the rest.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..paths import home
from .recovery import HEADER

PEEK_TIMEOUT_S = 0.05  # a writer holding the lock longer than this: the theme is restored once the store is open


class PreferenceUnknown(Exception):
    """The store could not be read at once: ask it again once it is open."""


def peek_preference(key: str, path: Path | None = None) -> str | None:
    """The stored preference `key` (as `set_preference` keeps it), None when there is none.

    Raises PreferenceUnknown when the file cannot be read at once (locked, damaged, not migrated yet).
    """
    path = Path(path) if path is not None else home() / "progress.db"
    try:
        with open(path, "rb") as f:
            if f.read(16) != HEADER:
                raise PreferenceUnknown(path)
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=PEEK_TIMEOUT_S)
    except FileNotFoundError:
        return None  # a first start: nothing remembered yet
    except (OSError, sqlite3.Error) as err:
        raise PreferenceUnknown(path) from err
    try:
        row = db.execute("SELECT value FROM settings WHERE key = ?", (f"pref.{key}",)).fetchone()
    except sqlite3.Error as err:
        raise PreferenceUnknown(path) from err
    finally:
        db.close()
    return row[0] if row and isinstance(row[0], str) else None
