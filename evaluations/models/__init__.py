from .delivery import Delivery, DeliveryState, Qualification, TeamMember
from .evaluation import (
    CriterionScore,
    Evaluation,
    EvaluationKind,
    EvaluationParty,
    EvaluationState,
    Grade,
    PartyCriterion,
    PartyKind,
    PartyScore,
)
from .evidence import LogEvidence
from .log import DeliveryLog
from .payment import PaymentGate, PaymentItem, PaymentState
from .survey import QUESTIONS, SurveyResponse
from .volunteer import (
    Volunteer,
    VolunteerCertificate,
    VolunteerChange,
    VolunteerService,
    VolunteerState,
    hours_between,
)

__all__ = [
    "CriterionScore",
    "LogEvidence",
    "PartyCriterion",
    "Volunteer",
    "VolunteerCertificate",
    "VolunteerChange",
    "VolunteerService",
    "VolunteerState",
    "hours_between",
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
