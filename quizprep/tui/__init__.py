"""The Textual face of quizprep: screens over the core, which knows nothing of them."""
