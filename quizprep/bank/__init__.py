"""Question banks: loading, validating and checking answers. Knows nothing of any UI."""

from .answers import Verdict, check_answer, parse_number
from .loader import BankLoad, Catalog, bank_files, load_bank, load_banks
from .model import DIFFICULTIES, QUESTION_TYPES, Bank, Choice, Question
from .problems import Problem

__all__ = [
    "Bank", "BankLoad", "Catalog", "Choice", "DIFFICULTIES", "Problem", "QUESTION_TYPES", "Question",
    "Verdict", "bank_files", "check_answer", "load_bank", "load_banks", "parse_number",
]
