"""quizprep: quizzes, numerical coding exercises and progress tracking for ML-engineering interviews."""

__version__ = "0.1.0"
