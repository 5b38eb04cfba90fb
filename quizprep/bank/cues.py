"""Which key points of an explain answer were made, found by each key point's cues.

A cue is a word, a phrase or a `/regular expression/`. How an answer is read:

- Words are runs of letters and digits; an apostrophe inside a word is dropped (`isn't` -> `isnt`,
  `network's` -> `networks`). The operators `+ * = ^ < >` and `× ÷ ≈ ≠ ≤ ≥ √ ∑ ∂ ∇ ·` are words of their
  own, so a cue `I +` finds "I + dF/dx" and not the pronoun "I"; every other character (`-`, `/`, `.`,
  quotes, brackets) only separates words.
- Case is ignored, and every word is cut to a simple stem, the same way in the answer and in the cue
  (see `stem`): plural `-s`/`-es`/`-ies`, `-ing`, `-ed`/`-ied`, a final `-e` and a doubled final
  consonant go, so "skip connections", "skip-connection" and "Skip connection." all match the cue
  `skip connection`, and "exploding", "explodes" and "exploded" match `explode`.
- A word or phrase cue matches where its stems appear as consecutive words of the answer.
- A regex cue is searched (anywhere, case-insensitively) in the answer lowercased, with its words
  joined by single spaces and no stemming, e.g. "Identity  PATH!" reads `identity path`.
- A negated mention does not count: a match is negated when one of the three words before it, in the
  same clause, is a negation (`NEGATIONS`: no, not, never, without, none, ..., and any contraction
  ending in n't). A clause ends at `, . ; : ! ?`, at a line break (a bullet is a clause) or at the word
  "but". "not only" and "not just" do not negate. A cue may hold a negation itself, and every negation
  matches every other: the cue `not vanish` finds "do not vanish", "don't vanish" and "never vanishes"
  (and the words before it are then looked at as for any match).

Nothing here knows of any face; `detect` returns spans in the original text for highlighting.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .model import Question
from .regex_safety import slow_pattern_problem

NEGATIONS = frozenset({
    "no", "not", "never", "without", "none", "neither", "nor", "cannot", "nothing", "nobody",
    # contractions as they read once the apostrophe is dropped (or typed without one)
    "isnt", "arent", "wasnt", "werent", "dont", "doesnt", "didnt", "cant", "couldnt", "wouldnt", "shouldnt",
    "wont", "hasnt", "havent", "hadnt", "aint",
})
NOT = "not"  # the stem of every negation, so a cue `not vanish` also finds "don't vanish" and "never vanishes"
NEGATION_WINDOW = 3  # words looked at before a match
CLAUSE_BREAKS = ",.;:!?"
_NOT_NEGATING_AFTER_NOT = frozenset({"only", "just"})
_SYMBOLS = "+*=^<>×÷≈≠≤≥√∑∂∇·"
_TOKEN = re.compile(rf"[^\W_]+(?:['’][^\W_]+)*|[{re.escape(_SYMBOLS)}]|[{re.escape(CLAUSE_BREAKS)}\n]")
_VOWELS = "aeiou"
_KEEP_DOUBLE = "aeiouls"  # loss, pass, fill, small keep their double letter
_SINGULAR_S = frozenset({"bias", "alias", "atlas", "canvas", "gas", "lens"})  # end in -s but are not plurals
_ROOT_ED = frozenset({"embed", "imbed", "shed", "shred", "bed", "red", "wed", "sled"})  # end in -ed but are not past tenses


def stem(word: str) -> str:
    """A word cut to the simple stem both cues and answers are compared by.

    In order: case folded; a plural goes (`-ies` -> `y`, `-sses`/`-xes`/`-zes`/`-ches`/`-shes` lose `es`,
    otherwise a final `s` goes unless the word ends in ss, us or is, or is one of a few singulars like
    bias); then `-ing` (words of 5+ letters), `-ied` -> `y`, or `-ed` (4+ letters, not -eed, not a root like
    embed); then a final
    `e` (3+ letters); then a doubled final consonant other than l or s is halved. Different words can
    share a stem (off/of); the rule only has to treat every form of one word alike.
    """
    w = word.casefold().replace("'", "").replace("’", "")
    if len(w) <= 2 or not w.isalnum():
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "xes", "zes", "ches", "shes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")) and w not in _SINGULAR_S:
        w = w[:-1]
    if w.endswith("ing") and len(w) >= 5:
        w = w[:-3]
    elif w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ed") and len(w) >= 4 and not w.endswith("eed") and w not in _ROOT_ED:
        w = w[:-2]
    if w.endswith("e") and len(w) >= 3:
        w = w[:-1]
    if len(w) >= 3 and w[-1] == w[-2] and w[-1] not in _KEEP_DOUBLE and not w[-1].isdigit():
        w = w[:-1]
    return w


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    plain: str       # lowercased, apostrophes dropped: what regex cues read
    stem: str        # what word and phrase cues compare
    negation: bool


def _tokens(text: str) -> tuple[list[_Token], list[int]]:
    """The words of a text, and the index of the word each clause break comes before."""
    words: list[_Token] = []
    breaks: list[int] = []
    for m in _TOKEN.finditer(text):
        raw = m.group()
        if raw[0] in CLAUSE_BREAKS or raw[0] == "\n":
            breaks.append(len(words))
            continue
        plain = raw.casefold().replace("'", "").replace("’", "")
        negation = plain in NEGATIONS or (len(plain) > 3 and re.search(r"n['’]t$", raw.casefold()) is not None)
        if plain == "but":
            breaks.append(len(words) + 1)  # the clause after "but" does not look back past it
        words.append(_Token(m.start(), m.end(), plain, NOT if negation else stem(plain), negation))
    return words, breaks


def cue_words(cue: str) -> tuple[str, ...]:
    """The stems a word or phrase cue is matched by (empty: the cue has no words)."""
    return tuple(t.stem for t in _tokens(cue)[0])


def is_regex_cue(cue: str) -> bool:
    """True when a cue is written `/.../`."""
    return len(cue) >= 2 and cue.startswith("/") and cue.endswith("/")


def cue_problem(cue: object) -> str | None:
    """What is wrong with a cue as an author wrote it, or None when it can be matched."""
    if not isinstance(cue, str):
        return "a cue should be text"
    if not cue.strip():
        return "empty cue — remove it or write a word, a phrase or a /regular expression/"
    if is_regex_cue(cue.strip()):
        pattern = cue.strip()[1:-1]
        try:
            compiled = re.compile(pattern, re.IGNORECASE)
        except re.error as err:
            return f"bad regular expression {cue.strip()}: {err} — fix it or write the cue as plain words"
        slow = slow_pattern_problem(cue.strip(), "the cue")
        if slow:
            return slow
        if compiled.search("") is not None:
            return f"the regular expression {cue.strip()} matches an empty answer, so it would match every answer — make it need some text"
        return None
    if not cue_words(cue):
        return f"cue `{cue}` has no words (punctuation is ignored) — write a word or a phrase"
    return None


@dataclass(frozen=True)
class Match:
    """One place a cue was found: the cue, its span in the original answer, and whether it was negated."""

    cue: str
    start: int
    end: int
    negated: bool


@dataclass(frozen=True)
class Detection:
    """One key point's outcome: detected when a cue matched without a negation before it.

    `spans` are the (start, end) character offsets in the original answer of the matches that count,
    in order, for highlighting; `matches` holds every match, negated ones included.
    """

    index: int
    text: str
    detected: bool
    spans: tuple[tuple[int, int], ...]
    matches: tuple[Match, ...] = ()

    @property
    def negated_spans(self) -> tuple[tuple[int, int], ...]:
        return tuple((m.start, m.end) for m in self.matches if m.negated)


class _Answer:
    """An answer read once: its words, its clause breaks and its regex-readable form."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words, self.breaks = _tokens(text)
        self.stems = [w.stem for w in self.words]
        self.joined = " ".join(w.plain for w in self.words)
        self.word_at: list[int] = []  # index of the word each char of `joined` belongs to (spaces: the word after)
        for i, w in enumerate(self.words):
            self.word_at.extend([i] * (len(w.plain) + (1 if i else 0)))

    def negated(self, first: int) -> bool:
        """Whether the word at index `first` has a negation among the few words before it, in its clause."""
        start = max([0, first - NEGATION_WINDOW, *(b for b in self.breaks if b <= first)])
        for i in range(start, first):
            w = self.words[i]
            if w.negation and not (w.plain == "not" and i + 1 < len(self.words) and self.words[i + 1].plain in _NOT_NEGATING_AFTER_NOT):
                return True
        return False

    def find(self, cue: str) -> list[tuple[int, int]]:
        """(first word, last word) of every match of one cue."""
        cue = cue.strip()
        if is_regex_cue(cue):
            found = []
            for m in re.finditer(cue[1:-1], self.joined, re.IGNORECASE):
                if m.end() <= m.start():
                    continue
                last = self.word_at[m.end() - 1] - (self.joined[m.end() - 1] == " ")
                found.append((self.word_at[m.start()], last))
            return found
        words = cue_words(cue)
        n = len(words)
        if not n:
            return []
        return [(i, i + n - 1) for i in range(len(self.stems) - n + 1) if tuple(self.stems[i:i + n]) == words]


def detect_points(points: Sequence[str], cues: Sequence[Sequence[str]], text: str) -> tuple[Detection, ...]:
    """Detections for key points with their cues (a point without cues is never detected)."""
    answer = _Answer(text)
    out = []
    for index, point in enumerate(points):
        matches = []
        for cue in cues[index] if index < len(cues) else ():
            for first, last in answer.find(cue):
                w0, w1 = answer.words[first], answer.words[last]
                matches.append(Match(cue, w0.start, w1.end, answer.negated(first)))
        matches.sort(key=lambda m: (m.start, m.end))
        spans = tuple(dict.fromkeys((m.start, m.end) for m in matches if not m.negated))
        out.append(Detection(index, point, bool(spans), spans, tuple(matches)))
    return tuple(out)


def detect(question: Question, text: str) -> tuple[Detection, ...]:
    """One Detection per key point of an explain question, in bank order, for the answer `text`."""
    return detect_points(question.key_points, question.key_point_cues, text)


def has_cues(question: Question) -> bool:
    """True when at least one key point has cues, so suggestions can be made."""
    return any(question.key_point_cues)


def suggested_ticks(question: Question, text: str) -> frozenset[int]:
    """The key points (bank indices) the cues found in the answer: the ticks a face pre-sets."""
    return frozenset(d.index for d in detect(question, text) if d.detected)


@dataclass(frozen=True)
class TickChange:
    """How the learner's final ticks differ from the suggested ones (bank indices)."""

    suggested: frozenset[int]
    ticked: frozenset[int]

    @property
    def added(self) -> frozenset[int]:
        """Ticked by the learner though no cue found them."""
        return self.ticked - self.suggested

    @property
    def removed(self) -> frozenset[int]:
        """Suggested by the cues but unticked by the learner."""
        return self.suggested - self.ticked

    @property
    def changed(self) -> bool:
        return self.suggested != self.ticked

    @property
    def detail(self) -> str:
        """A compact record, 1-based as the learner sees the points: `suggested 1,3; ticked 1,2; added 2; removed 3`."""
        def nums(s: Iterable[int]) -> str:
            return ",".join(str(i + 1) for i in sorted(s)) or "-"

        return f"suggested {nums(self.suggested)}; ticked {nums(self.ticked)}; added {nums(self.added)}; removed {nums(self.removed)}"


TICK_EVENT = "key_point_ticks"  # the progress event kind a face records a TickChange under (detail: TickChange.detail)


def tick_change(question: Question, text: str, ticked: Iterable[int]) -> TickChange:
    """Compare the learner's final ticks with what the cues suggest for the answer text."""
    return TickChange(suggested_ticks(question, text), frozenset(int(i) for i in ticked))
