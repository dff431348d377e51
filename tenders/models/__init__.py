from .bid import Bid, BidState
from .clarification import Clarification, ClarificationState, Question, QuestionState
from .contract import Contract, ContractState
from .objection import Objection, ObjectionState
from .panel import PanelMember, Score
from .supplement import SupplementaryAgreement
from .tender import Criterion, ProcurementMethod, Tender, TenderState

__all__ = [
    "Bid",
    "BidState",
    "Clarification",
    "ClarificationState",
    "Contract",
    "ContractState",
    "Criterion",
    "Objection",
    "ObjectionState",
    "PanelMember",
    "ProcurementMethod",
    "Question",
    "QuestionState",
    "Score",
    "SupplementaryAgreement",
    "Tender",
    "TenderState",
]
