"""Putting any text — a learner's code, a traceback, an answer — inside the app's markup safely.

Rich's and Textual's `escape` only escape a `[` that starts something shaped like a tag with its
closing `]`; learner text such as `2t1[/` followed later by our own `[b]` still breaks the markup
(a crash). Here every `[` is escaped, and a trailing backslash cannot escape the markup after it.
"""

from __future__ import annotations


def escape(text: str) -> str:
    """`text` shown exactly as written when put inside markup."""
    out = text.replace("[", "\\[")
    return out + "\u200b" if out.endswith("\\") else out  # a zero-width space keeps a final \ from escaping what follows
