from .consultation import (
    Consultation,
    ConsultationDecision,
    ConsultationParticipant,
    Decision,
    ParticipantKind,
)
from .need import Category, Endorsement, Follow, Need, NeedPhoto, NeedState

__all__ = [
    "Category",
    "Consultation",
    "ConsultationDecision",
    "ConsultationParticipant",
    "Decision",
    "Endorsement",
    "Follow",
    "Need",
    "NeedPhoto",
    "NeedState",
    "ParticipantKind",
]
