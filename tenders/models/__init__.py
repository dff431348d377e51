from .bid import Bid, BidState
from .clarification import Clarification, ClarificationState, Question, QuestionState
from .conflict import (
    ConflictDeclaration,
    EligibilityCheck,
    Exclusion,
    ExclusionSource,
    RecusalRequest,
    RecusalState,
    Tie,
)
from .contract import Contract, ContractState
from .invitation import Invitation
from .objection import Objection, ObjectionState
from .panel import MemberKind, PanelMember, Score
from .supplement import SupplementaryAgreement
from .tender import Criterion, ProcurementMethod, Tender, TenderState

__all__ = [
    "Bid",
    "BidState",
    "Clarification",
    "ClarificationState",
    "ConflictDeclaration",
    "Contract",
    "ContractState",
    "Criterion",
    "EligibilityCheck",
    "Exclusion",
    "ExclusionSource",
    "Invitation",
    "MemberKind",
    "Objection",
    "ObjectionState",
    "PanelMember",
    "ProcurementMethod",
    "Question",
    "QuestionState",
    "RecusalRequest",
    "RecusalState",
    "Score",
    "SupplementaryAgreement",
    "Tender",
    "TenderState",
    "Tie",
]
