from .delivery import Delivery, DeliveryState, Qualification, TeamMember
from .evaluation import (
    Evaluation,
    EvaluationKind,
    EvaluationParty,
    EvaluationState,
    Grade,
    PartyKind,
    PartyScore,
)
from .log import DeliveryLog
from .payment import PaymentGate, PaymentItem, PaymentState
from .survey import QUESTIONS, SurveyResponse

__all__ = [
    "Delivery",
    "DeliveryLog",
    "DeliveryState",
    "Evaluation",
    "EvaluationKind",
    "EvaluationParty",
    "EvaluationState",
    "Grade",
    "PartyKind",
    "PartyScore",
    "PaymentGate",
    "PaymentItem",
    "PaymentState",
    "QUESTIONS",
    "Qualification",
    "SurveyResponse",
    "TeamMember",
]
