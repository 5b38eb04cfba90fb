"""Text for the plain terminal: prose re-flowed to the terminal's width, code kept as written.

Question and exercise text is Markdown-like: a single line break inside a paragraph is a space, a
blank line separates paragraphs, fenced (```) and indented blocks are code. Prose is wrapped at word
boundaries to the terminal width; code lines are never re-flowed, only indented.
"""

from __future__ import annotations

import re
import shutil
import textwrap

MAX_WIDTH = 100  # long lines are hard to read even in a wide terminal
MIN_WIDTH = 20  # below this, wrapping more only makes a column of single words
_FENCE = re.compile(r"^\s*```")
_LIST_ITEM = re.compile(r"^(\s*)([-*•]|\d+[.)])\s+")


def width(limit: int = MAX_WIDTH) -> int:
    """Columns to wrap at: the terminal's width less one (so no line touches the last column), at most `limit`.

    Prose keeps the default limit; a table, whose rows are not read as lines of text, may take more.
    """
    columns = shutil.get_terminal_size((80, 24)).columns
    return max(MIN_WIDTH, min(columns, limit) - 1)


def fill(text: str, indent: str = "", hanging: str | None = None, cols: int | None = None) -> str:
    """One paragraph wrapped at word boundaries: first line after `indent`, the rest after `hanging`."""
    cols = cols or width()
    rest = indent if hanging is None else hanging
    return textwrap.fill(" ".join(text.split()), max(cols, len(rest) + MIN_WIDTH // 2), initial_indent=indent,
                         subsequent_indent=rest, break_long_words=False, break_on_hyphens=False)


def fit(block: str, cols: int | None = None) -> str:
    """Already-formatted text (e.g. a grade report) with each too-long line re-wrapped under its own indent."""
    cols = cols or width()
    out = []
    for line in block.splitlines():
        if len(line) < cols:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        out.append(fill(line, indent, indent + "  ", cols))
    return "\n".join(out)


def clip(text: str, room: int) -> str:
    """`text` cut to `room` columns with an ellipsis (a table cell must not wrap); whole when it fits."""
    if len(text) <= room:
        return text
    return text[: max(room - 1, 0)].rstrip() + "…" if room > 1 else ""


def render(text: str, indent: str = "", cols: int | None = None) -> str:
    """Markdown-like text for the terminal: paragraphs and list items wrapped, code blocks indented as written."""
    cols = cols or width()
    out: list[str] = []
    paragraph: list[str] = []
    item_prefix = ""

    def flush() -> None:
        nonlocal item_prefix
        if paragraph:
            hanging = indent + " " * len(item_prefix)
            out.append(fill(" ".join(paragraph), indent + item_prefix, hanging, cols))
            paragraph.clear()
        item_prefix = ""

    in_fence = False
    for line in textwrap.dedent(text.expandtabs(4)).strip("\n").splitlines():
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            out.append((indent + "    " + line).rstrip())
            continue
        if not line.strip():
            flush()
            if out and out[-1] != "":
                out.append("")
            continue
        if line.startswith("    "):  # an indented code line
            flush()
            out.append((indent + line).rstrip())
            continue
        item = _LIST_ITEM.match(line)
        if item:
            flush()
            item_prefix = item.group(0).lstrip()
            paragraph.append(line[item.end():])
            continue
        paragraph.append(line.strip())
    flush()
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)
