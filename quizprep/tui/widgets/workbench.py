"""The coding workbench's parts: a Python editor, the grade and run panels, and the unsaved-edits dialog.

Importing this module loads Textual's TextArea (and tree-sitter, for highlighting): only screens that
edit code import it, never the app's first frame.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from ...grading.report import HEADLINES, MARKS
from ..markup import escape
from ..screens.once import AnswersOnce

LIST_ITEM = re.compile(r"^\s*(?:[-*]|\d+[.)])\s+")
_LINE = re.compile(r"^\s*line (\d+)\b")
OPENS_BLOCK = re.compile(r":\s*(#.*)?$")
DEDENTS = re.compile(r"^\s*(return|pass|raise|break|continue)\b")


def reflow(text: str) -> str:
    """Join the hard-wrapped lines of each prose paragraph and list item, so the panel wraps them at its own
    width; code (indented four more than its paragraph) and blank lines stay as they are."""
    out: list[str] = []
    joinable = False  # the last line is prose that the next prose line continues
    context = 0  # the indent a list item's text starts at (0 outside a list)
    for line in text.splitlines():
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        item = LIST_ITEM.match(line)
        if not stripped:
            out.append("")
            joinable, context = False, 0
        elif item:
            out.append(line.rstrip())
            joinable, context = True, len(item.group(0))
        elif indent >= context + 4:  # code, a formula or a table: its line breaks mean something
            out.append(line.rstrip())
            joinable = False
        elif joinable:
            out[-1] += " " + stripped
        else:
            out.append(line.rstrip())
            joinable = True
    return "\n".join(out)


def save_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` all at once: a temporary file beside it, then os.replace (never half a file).

    A symlink is kept (its target is written), and so are the file's permissions (a new file gets 0644)."""
    if path.is_symlink():
        path = path.resolve()
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def recovery_path(path: Path) -> Path:
    """Where an unsaved buffer for `path` is kept until it is saved or discarded."""
    return path.with_name(path.name + ".unsaved")


def read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def learner_line(*texts: str) -> int | None:
    """The learner's line named by a trimmed traceback (`line N…`), the last one in the first text naming any."""
    for text in texts:
        found = [int(m.group(1)) for t in text.splitlines() if (m := _LINE.match(t))]
        if found:
            return found[-1]
    return None


def grade_line(result) -> int | None:
    """The line of the learner's file that a failed grade's error points at (a syntax error, a traceback), if any."""
    first = result.first_failure
    texts = [result.detail] + ([first.message, "\n".join(first.diagnosis)] if first is not None else [])
    return learner_line(*texts) if result.status in ("error", "fail", "timeout") else None


def format_result_markup(result) -> str:
    """A grade for the panel: the headline, the first problem with its diagnosis (what to fix), then every check."""
    lines = [f"[b]{HEADLINES.get(result.status, result.status)}[/b] — {result.passed}/{len(result.checks)} checks, "
             f"{result.duration_s:.2f} s"]
    if result.message:
        lines.append(escape(result.message))
        lines.extend(f"  {escape(d)}" for d in result.detail.splitlines()[-6:])
    first = result.first_failure
    if first is not None:
        lines.append(f"[b]first problem — {escape(first.name)}[/b]\n{escape(first.message)}")
        lines.extend(f"  {escape(d)}" for d in first.diagnosis)
    line = grade_line(result)
    if line is not None:
        lines.append(f"[b]⏎ goes to line {line}[/b]")
    lines.append("")
    lines.extend(f"{MARKS.get(c.status, '?')} {escape(c.name)}" for c in result.checks if c.status != "not_run")
    return "\n".join(lines)


class CodeEditor(TextArea):
    """TextArea's code editor for Python: 4-space soft tabs, and enter keeps the indent (one more after a colon)."""

    @classmethod
    def python(cls, text: str, **kwargs) -> CodeEditor:
        """An editor for Python source `text` (TextArea.code_editor: line numbers, highlighting, tab indents)."""
        editor = cls.code_editor(text, language="python", soft_wrap=False, **kwargs)
        editor.indent_type = "spaces"
        editor.indent_width = 4
        return editor

    def on_mount(self) -> None:
        self.cursor_blink = getattr(self.app, "animate", True)  # snapshots turn blinking off
        self._follow_theme()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._follow_theme())

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        return key == "escape" or super().check_consume_key(key, character)  # escape leaves the editor, not the screen

    def _follow_theme(self) -> None:
        self.theme = "monokai" if self.app.current_theme.dark else "github_light"

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter" and not self.read_only:
            event.stop()
            event.prevent_default()
            row, column = self.cursor_location
            before = self.document[row][:column]
            indent = before[: len(before) - len(before.lstrip(" "))]
            if OPENS_BLOCK.search(before):
                indent += " " * self.indent_width
            elif DEDENTS.match(before) and len(indent) >= self.indent_width:
                indent = indent[: -self.indent_width]
            start, end = self.selection
            self._replace_via_keyboard("\n" + indent, start, end)
            return
        await super()._on_key(event)


class Panel(VerticalScroll, can_focus=True):
    """A panel of the workbench beside the editor: focusable, scrolled with the keys, and it may fill the screen (f)."""

    ALLOW_MAXIMIZE = True  # Textual's containers may not be maximized by default


class ResultPanel(Panel):
    """The last grade: every check with its mark, the first failure and its diagnosis; enter goes to its line."""

    BINDINGS = [Binding("enter", "jump", "Go to line", show=False)]

    class JumpTo(Message):
        """Move the editor's cursor to `line` (1-based) of the learner's file."""

        def __init__(self, line: int) -> None:
            super().__init__()
            self.line = line

    line: int | None = None

    def compose(self) -> ComposeResult:
        yield Static("ctrl+s saves and grades your file", classes="muted")

    def show(self, markup: str, status: str = "", line: int | None = None) -> None:
        self.line = line
        self.query_one(Static).update(markup)
        self.set_classes(status)
        self.scroll_home(animate=False)

    def show_grade(self, result) -> None:
        self.show(format_result_markup(result), result.status, grade_line(result))

    def action_jump(self) -> None:
        if self.line is not None:
            self.post_message(self.JumpTo(self.line))


class OutputPanel(Panel):
    """What the file's `__main__` block printed, and how the run ended; enter goes to an error's line."""

    BINDINGS = [Binding("enter", "jump", "Go to line", show=False)]
    line: int | None = None

    def compose(self) -> ComposeResult:
        yield Static("", markup=False)

    def show(self, text: str, line: int | None = None) -> None:
        self.line = line
        self.query_one(Static).update(text)
        self.scroll_end(animate=False)

    def show_run(self, run) -> None:
        head = {"ok": f"ran in {run.seconds:.2f} s", "timeout": "timed out"}.get(run.status, "stopped on an error")
        parts = [f"▶ __main__ {head}", run.output.rstrip()]
        if run.message:
            parts.append(run.message)
            parts.extend(run.detail.splitlines()[-6:])
        if run.line is not None:
            parts.append(f"⏎ goes to line {run.line}")
        if run.warning:
            parts.append(run.warning)
        self.show("\n".join(p for p in parts if p), run.line)

    def action_jump(self) -> None:
        if self.line is not None:
            self.post_message(ResultPanel.JumpTo(self.line))


class UnsavedScreen(AnswersOnce, ModalScreen[str]):
    """Unsaved edits: returns "save", "discard" or "stay"."""

    BINDINGS = [Binding("s", "choose('save')", "Save"), Binding("d", "choose('discard')", "Discard"),
                Binding("escape", "choose('stay')", "Stay")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question)
            with Horizontal():
                yield Button("Save (s)", id="save", variant="primary")
                yield Button("Discard (d)", id="discard", variant="warning")
                yield Button("Stay (esc)", id="stay")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
