"""A Python editor bound to one file, where the file on disk stays the truth (the workbench's and the
interview's editor).

`save()` writes the buffer atomically; unsaved edits are kept in a recovery file beside it
(`<name>.unsaved`) a moment after typing stops, so a crash or kill -9 loses nothing, and
`offer_recovery()` offers them back; a thread waits on the file system's events (watchfiles, never a
polling loop) and a change made outside the app is loaded when there are no unsaved edits, or asked
about when there are. What follows a load (a grade, a notice) is the owning screen's: the editor posts
`Reloaded`.
"""

from __future__ import annotations

import threading
from pathlib import Path

from textual.message import Message

from .workbench import CodeEditor, read_text, recovery_path, save_atomically

RECOVER_AFTER_S = 0.6  # the unsaved buffer is kept this long after the last key


class FileEditor(CodeEditor):
    """CodeEditor over `path`: saves atomically, keeps a recovery copy of unsaved edits, notices outside changes."""

    path: Path
    disk_text: str = ""  # the file's text as last loaded or saved here
    asking: bool = False  # a question about the file is on screen: outside changes wait for its answer

    class Reloaded(Message):
        """The file changed outside the app and its text is now in the editor."""

        def __init__(self, editor: FileEditor) -> None:
            super().__init__()
            self.editor = editor

        @property
        def control(self) -> FileEditor:
            return self.editor

    @classmethod
    def for_file(cls, path: Path, **kwargs) -> FileEditor:
        """An editor holding `path`'s text (empty if it cannot be read)."""
        text = read_text(path) or ""
        editor = cls.python(text, **kwargs)
        editor.path = path
        editor.disk_text = text
        editor.border_title = path.name
        editor.border_subtitle = str(path)
        editor._stop_watching = threading.Event()
        editor._recovery_timer = None
        return editor

    @property
    def unsaved_edits(self) -> bool:
        """The buffer holds text the file does not have."""
        return self.text != self.disk_text

    def on_mount(self) -> None:
        self.watch_file()

    def on_unmount(self) -> None:
        self._stop_watching.set()

    def load(self, text: str) -> None:
        """Show `text` (the file's) in the editor, keeping the cursor's line where it can."""
        row, column = self.cursor_location
        self.disk_text = text
        self.load_text(text)
        last = max(self.document.line_count - 1, 0)
        self.cursor_location = (min(row, last), column)
        self.drop_recovery()
        self._mark_unsaved()

    def save(self) -> bool:
        """Write the buffer to the file (only if it has unsaved edits); False, said in a notice, if it could not be written."""
        if not self.unsaved_edits:
            return True
        text = self.text
        try:
            save_atomically(self.path, text)
        except OSError as err:
            self.notify(f"Cannot save {self.path}: {err.strerror or err}", severity="error")
            return False
        self.disk_text = text
        self.drop_recovery()
        self._mark_unsaved()
        return True

    def forget_edits(self) -> None:
        """The edits are given up: no recovery copy, and nothing left to ask about."""
        self.drop_recovery()
        self.disk_text = self.text

    def drop_recovery(self) -> None:
        try:
            recovery_path(self.path).unlink(missing_ok=True)
        except OSError:
            pass

    # -- the recovery copy -----------------------------------------------------------------------
    def on_text_area_changed(self) -> None:
        if self._recovery_timer is not None:
            self._recovery_timer.stop()
        self._recovery_timer = self.set_timer(RECOVER_AFTER_S, self._keep_recovery)
        self._mark_unsaved()

    def _mark_unsaved(self) -> None:
        """The editor's title says whether it holds edits the file does not have (●)."""
        self.border_title = self.path.name + (" ● unsaved" if self.unsaved_edits else "")

    def _keep_recovery(self) -> None:
        if not self.is_mounted or self._stop_watching.is_set():
            return
        try:
            if self.unsaved_edits:
                save_atomically(recovery_path(self.path), self.text)
            else:
                recovery_path(self.path).unlink(missing_ok=True)
        except OSError:
            pass  # a recovery copy is a courtesy; saving still works

    def offer_recovery(self, why: str = "the app was stopped") -> None:
        """Edits kept from a run that never saved them are offered back (restored, they stay unsaved)."""
        from ..screens.confirm import ConfirmScreen

        kept = read_text(recovery_path(self.path))
        if kept is None or kept == self.disk_text:
            self.drop_recovery()
            return

        def done(yes: bool | None) -> None:
            self.asking = False
            if yes:
                self.load_text(kept)  # unsaved until saved
                self._mark_unsaved()
            else:
                self.drop_recovery()

        self.asking = True
        self.app.push_screen(ConfirmScreen(f"Edits to {self.path.name} were never saved ({why}). Restore them into the editor?"),
                             done)

    # -- changes made outside the app ------------------------------------------------------------
    def watch_file(self) -> None:
        """Wait on the file system's events for the file (watchfiles) in a thread, and hand them to the app. It is
        not a worker, so waiting for the workers to finish (a grade, a run) never waits for it; unmounting stops it."""
        from watchfiles import watch

        name, folder, stop = self.path.name, self.path.parent, self._stop_watching

        def wait_for_changes() -> None:
            try:
                for _changes in watch(folder, watch_filter=lambda _change, p: Path(p).name == name, debounce=100, step=20,
                                      stop_event=stop, recursive=False, raise_interrupt=False):
                    if stop.is_set():
                        return
                    self.app.call_from_thread(self.disk_changed)
            except (RuntimeError, OSError):  # the app has gone, or the folder cannot be watched: saving still works
                return

        threading.Thread(target=wait_for_changes, name=f"watch {name}", daemon=True).start()

    def disk_changed(self) -> None:
        """The file may have changed on disk: load it (no unsaved edits) or ask (unsaved edits); Reloaded if loaded."""
        from ..screens.confirm import ConfirmScreen

        if not self.is_mounted or self._stop_watching.is_set() or self.asking:
            return
        text = read_text(self.path)
        if text is None or text == self.disk_text:
            return
        if not self.unsaved_edits:
            self.load(text)
            self.post_message(self.Reloaded(self))
            return

        def done(yes: bool | None) -> None:
            self.asking = False
            if yes:
                self.load(text)
                self.post_message(self.Reloaded(self))
            else:
                self.disk_text = text  # your version stands; saving writes it over the other
                self._mark_unsaved()

        self.asking = True
        self.app.push_screen(ConfirmScreen(f"{self.path.name} changed on disk, and you have unsaved edits. "
                                           "Load the file from disk and drop your edits?"), done)
