from .consultation import Consultation, ConsultationDecision, Decision
from .need import Category, Endorsement, Follow, Need, NeedPhoto, NeedState

__all__ = [
    "Category",
    "Consultation",
    "ConsultationDecision",
    "Decision",
    "Endorsement",
    "Follow",
    "Need",
    "NeedPhoto",
    "NeedState",
]
