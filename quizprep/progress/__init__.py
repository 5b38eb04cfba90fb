"""Study progress: the SQLite store, spaced repetition and statistics. Knows nothing of any UI."""

from .errors import StoreBusy, StoreError, StoreUnavailable
from .store import ProgressStore, ReadOnlyStore

__all__ = ["ProgressStore", "ReadOnlyStore", "StoreBusy", "StoreError", "StoreUnavailable"]
