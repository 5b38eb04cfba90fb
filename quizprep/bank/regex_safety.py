"""Refusing regular expressions that can take exponential time, before any answer is matched with them.

Python's `re` backtracks and has no time limit, so an author's `/(a+)+$/` in a short answer's
`accept` (or an explain cue) would hang the quiz on an answer such as `aaaaaaaaaaaaaaaaaaaaaaaab`.
A pattern is refused when a repetition (`*`, `+`, `{n,}`) holds something that can match the same
text in more than one way: another repetition (`(a+)+`, `(\\w+\\s?)*`), something that can match
nothing (`(a?)*`), or alternatives that can start with the same character (`(a|aa)*`). More than
`MAX_REPEATS` unbounded repetitions that can each match what follows them are refused too
(`.*.*.*.*x` is polynomial, but steeply). With these gone, matching a short answer of at most `MAX_MATCHED_CHARS` is quick.
"""

from __future__ import annotations

import re

try:  # the parser `re` itself uses (Python 3.11+: re._parser; before: sre_parse)
    from re import _parser as sre
except ImportError:  # pragma: no cover - older Pythons
    import sre_parse as sre  # type: ignore[no-redef]

MAX_REPEATS = 3
MAX_MATCHED_CHARS = 200  # a short answer longer than this is never matched against a regular expression
_UNBOUNDED = 16  # a repetition allowed more times than this counts as unbounded
# the characters sets are compared on: printable ASCII and a few others an answer holds
ALPHABET = frozenset(chr(c) for c in range(32, 127)) | frozenset("\t\né≈’–·λσ∂")
_CATEGORIES = {
    "CATEGORY_DIGIT": str.isdigit, "CATEGORY_SPACE": str.isspace,
    "CATEGORY_WORD": lambda c: c.isalnum() or c == "_",
}
_REPEATS = tuple(op for op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)) if op is not None)


def _category(name: str) -> frozenset[str]:
    negate = name.startswith("CATEGORY_NOT_")
    test = _CATEGORIES.get(name.replace("CATEGORY_NOT_", "CATEGORY_"))
    if test is None:  # line breaks and locale/unicode variants: anything, to be safe
        return ALPHABET
    inside = frozenset(c for c in ALPHABET if test(c))
    return ALPHABET - inside if negate else inside


def _cased(chars) -> frozenset[str]:
    return frozenset(chars) | frozenset(c.lower() for c in chars) | frozenset(c.upper() for c in chars)


def _class(items) -> frozenset[str]:
    negate, chars = False, set()
    for op, arg in items:
        if op is sre.NEGATE:
            negate = True
        elif op is sre.LITERAL:
            chars.add(chr(arg))
        elif op is sre.RANGE:
            chars |= {c for c in ALPHABET if arg[0] <= ord(c) <= arg[1]}
        elif op is sre.CATEGORY:
            chars |= _category(str(arg))
        else:
            return ALPHABET
    chars = _cased(chars)
    return ALPHABET - chars if negate else frozenset(chars)


def _char(op, arg) -> frozenset[str] | None:
    """The characters one single-character item can match; None if it is not one."""
    if op is sre.LITERAL:
        return _cased({chr(arg)})
    if op is sre.NOT_LITERAL:
        return ALPHABET - _cased({chr(arg)})
    if op is sre.ANY:
        return ALPHABET
    if op is sre.IN:
        return _class(arg)
    if op is sre.CATEGORY:
        return _category(str(arg))
    return None


def _first(items) -> tuple[frozenset[str], bool]:
    """The characters a sequence can start with, and whether it can match the empty string."""
    chars: frozenset[str] = frozenset()
    for op, arg in items:
        single = _char(op, arg)
        if single is not None:
            return chars | single, False
        if op is sre.AT or op in (sre.ASSERT, sre.ASSERT_NOT):
            continue  # matches no character
        if op is sre.SUBPATTERN:
            first, nullable = _first(arg[-1])
        elif op in _REPEATS:
            first, nullable = _first(arg[2])
            nullable = nullable or arg[0] == 0
        elif op is sre.BRANCH:
            first, nullable = frozenset(), False
            for alternative in arg[1]:
                f, n = _first(alternative)
                first, nullable = first | f, nullable or n
        else:  # a back-reference, a conditional...: anything, as far as this check can tell
            return ALPHABET, False
        chars |= first
        if not nullable:
            return chars, False
    return chars, True


def _all(items) -> frozenset[str]:
    """Every character a sequence can match anywhere."""
    chars: set[str] = set()
    for op, arg in items:
        single = _char(op, arg)
        if single is not None:
            chars |= single
        elif op is sre.SUBPATTERN:
            chars |= _all(arg[-1])
        elif op in _REPEATS:
            chars |= _all(arg[2])
        elif op is sre.BRANCH:
            for alternative in arg[1]:
                chars |= _all(alternative)
        elif op not in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            return ALPHABET
    return frozenset(chars)


def _prefix(items) -> tuple[str, bool]:
    """The plain characters a sequence starts with (casefolded), and whether that is all of it."""
    chars = []
    for op, arg in items:
        if op is not sre.LITERAL:
            return "".join(chars), False
        chars.append(chr(arg).casefold())
    return "".join(chars), True


def _overlap(first: frozenset[str], prefix: tuple[str, bool], other: frozenset[str], other_prefix: tuple[str, bool]) -> bool:
    """Whether two alternatives could both match at the start of one text, as far as their plain beginnings tell."""
    (a, a_whole), (b, b_whole) = prefix, other_prefix
    k = min(len(a), len(b))
    if k and a[:k] != b[:k]:
        return False  # they part within their plain beginnings
    if a_whole and b_whole:
        return True  # plain words, one a prefix of the other (a|aa)
    return bool(first & other)


def _ambiguous(items, after: frozenset[str]) -> str | None:
    """Why `items` (inside a repetition, followed by text starting with `after`) could split one text in many ways."""
    items = list(items)
    for i, (op, arg) in enumerate(items):
        rest, rest_nullable = _first(items[i + 1:])
        follow = rest | after if rest_nullable else rest
        if op in _REPEATS and arg[1] > 1:
            if _first(arg[2])[1]:
                return "a repetition of something that can match nothing"
            if _all(arg[2]) & follow:
                return "a repetition inside a repetition, where the inner one can also match what follows it"
            why = _ambiguous(arg[2], _first(arg[2])[0] | follow)
        elif op is sre.SUBPATTERN:
            why = _ambiguous(arg[-1], follow)
        elif op is sre.BRANCH:
            seen: list[tuple[frozenset[str], tuple[str, bool]]] = []
            for alternative in arg[1]:
                first, nullable = _first(alternative)
                if nullable:
                    return "an alternative that can match nothing, inside a repetition"
                text = _prefix(alternative)
                if any(_overlap(first, text, other, other_text) for other, other_text in seen):
                    return "alternatives that can match the same text, inside a repetition"
                seen.append((first, text))
            why = next((w for w in (_ambiguous(a, follow) for a in arg[1]) if w), None)
        else:
            why = None
        if why:
            return why
    return None


def _walk(items, counts: list[int], after: frozenset[str] = frozenset()) -> str | None:
    items = list(items)
    for i, (op, arg) in enumerate(items):
        rest, rest_nullable = _first(items[i + 1:])
        follow = rest | after if rest_nullable else rest
        if op in _REPEATS and arg[1] > 1:
            first, nullable = _first(arg[2])
            # unbounded and able to match what follows it: each such one multiplies the ways to split a text
            counts[0] += arg[1] > _UNBOUNDED and bool(_all(arg[2]) & follow)
            if nullable:
                return "a repetition of something that can match nothing"
            why = _ambiguous(arg[2], first | follow)  # the body is followed by its own start, when it repeats
        elif op is sre.SUBPATTERN or op in (sre.ASSERT, sre.ASSERT_NOT):
            why = _walk(arg[-1], counts, follow)
        elif op in _REPEATS:
            why = _walk(arg[2], counts, follow)
        elif op is sre.BRANCH:
            why = next((w for w in (_walk(a, counts, follow) for a in arg[1]) if w), None)
        else:
            why = None
        if why:
            return why
    return None


def slow_pattern(pattern: str, flags: int = re.IGNORECASE) -> str | None:
    """Why `pattern` could make a match take exponential (or steeply polynomial) time; None if it cannot.

    A pattern that does not compile gives None (compiling it reports that)."""
    try:
        parsed = sre.parse(pattern, flags)
    except (re.error, RecursionError, OverflowError):
        return None
    counts = [0]
    why = _walk(list(parsed), counts)
    if why:
        return why
    if counts[0] > MAX_REPEATS:
        return f"more than {MAX_REPEATS} unbounded repetitions"
    return None


def slow_pattern_problem(entry: str, what: str = "the answer") -> str | None:
    """A one-line problem for a `/…/` entry whose pattern could hang the quiz, or None."""
    why = slow_pattern(entry[1:-1])
    if why is None:
        return None
    return (f"regular expression {entry} could take minutes to match some answers ({why}) — rewrite it with a single "
            f"repetition of a character class, e.g. /[a-z ]+/, or write {what} as plain text")
