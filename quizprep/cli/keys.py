"""The keys of the plain-terminal quiz, in one place: the quiz prompts and `quizprep quiz --help` both read them.

Answers use each type's own keys; commands start with a colon, so no command is ever a valid answer.
"""

from __future__ import annotations

# how each question type is answered (shown above every prompt)
ANSWER_KEYS = {
    "single": "the number of your choice, e.g. 2",
    "multiple": "the numbers of every right choice, e.g. 1 3",
    "true_false": "t or true, f or false",
    "numeric": "a number: 0.0066, 6.6e-3 and 6.6 x 10^-3 all work",
    "short": "a word or short phrase",
    "order": "the item numbers in the right order, e.g. 3 1 2",
    "explain": "your answer, an empty line, then the key points you covered",
}

COMMANDS = {":u": "undo", ":undo": "undo", ":f": "flag", ":flag": "flag", ":q": "quit", ":quit": "quit"}
COMMAND_HELP = ":u undo · :f flag · :q quit"
_COMMAND_LINES = {
    "undo": "take back your last answer and be asked it again",
    "flag": "flag this question: then w (wrong) or u (unclear), and a note",
    "quit": "stop here and see your score (Ctrl-D does the same)",
}


def help_text() -> str:
    """The keys as `quizprep quiz --help` shows them, under 80 columns."""
    labels = {"single": "single choice", "multiple": "several", "true_false": "true/false"}
    lines = ["answering:"]
    lines += [f"  {labels.get(t, t):<15}{keys}" for t, keys in ANSWER_KEYS.items()]
    lines.append("commands, at any answer prompt (never taken for an answer):")
    lines += [f"  :{name[0]} or :{name:<8}{what}" for name, what in _COMMAND_LINES.items()]
    lines.append("every answer is saved the moment you give it.")
    return "\n".join(lines)
