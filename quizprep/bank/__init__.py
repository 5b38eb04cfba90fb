"""Question banks: loading, validating and checking answers. Knows nothing of any UI."""

from .answers import Verdict, parse_number
from .cues import Detection, TickChange, detect, has_cues, suggested_ticks, tick_change
from .loader import BankLoad, QuestionBanks, bank_files, load_bank, load_banks
from .model import DIFFICULTIES, Bank, Choice, Question
from .problems import Problem
from .types import QUESTION_TYPES, REGISTRY, QuestionType, UnknownQuestionType, check_answer, format_expected, question_type

__all__ = [
    "Bank", "BankLoad", "Detection", "TickChange", "detect", "has_cues", "suggested_ticks", "tick_change",
    "QuestionBanks", "Choice", "DIFFICULTIES", "Problem", "QUESTION_TYPES", "Question", "QuestionType",
    "REGISTRY", "UnknownQuestionType", "Verdict", "bank_files", "check_answer", "format_expected", "load_bank", "load_banks",
    "parse_number", "question_type",
]
