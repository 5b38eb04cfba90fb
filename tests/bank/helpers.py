"""Writing small bank files for tests, and finding the line a test marked as the culprit."""

import textwrap

VALID_QUESTION = """\
  - id: {id}
    type: single
    difficulty: 1
    prompt: |
      Which is right?
    choices:
      - text: This one
        correct: true
      - text: That one
        why: Because it is not.
    explanation: |
      Because.
"""


def write_bank(tmp_path, body: str, name: str = "demo.yaml") -> tuple:
    """Write a bank file; return (path, the 1-based line marked `# <-`, or None)."""
    text = textwrap.dedent(body)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    marked = [i for i, line in enumerate(text.splitlines(), 1) if "# <-" in line]
    return path, (marked[0] if marked else None)


def bank_text(*questions: str, topic: str = "demo") -> str:
    """A bank header followed by the given question blocks (already indented by two spaces)."""
    return f"topic: {topic}\ntitle: Demo\nquestions:\n" + "".join(questions)
