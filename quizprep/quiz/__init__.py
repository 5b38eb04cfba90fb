"""Quiz sessions over the banks: selection, presentation, checking and score. No UI here."""

from .select import ORDERS, select_questions
from .session import AnswerRecord, QuizItem, QuizSession, SessionSummary, TopicScore, describe_response

__all__ = [
    "ORDERS", "AnswerRecord", "QuizItem", "QuizSession", "SessionSummary", "TopicScore",
    "describe_response", "select_questions",
]
