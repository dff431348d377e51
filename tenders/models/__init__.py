from .bid import Bid, BidState
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
from .panel import MemberKind, PanelMember, Score
from .tender import Criterion, ProcurementMethod, Tender, TenderState

__all__ = [
    "Bid",
    "BidState",
    "ConflictDeclaration",
    "Contract",
    "ContractState",
    "Criterion",
    "EligibilityCheck",
    "Exclusion",
    "ExclusionSource",
    "Invitation",
    "MemberKind",
    "PanelMember",
    "ProcurementMethod",
    "RecusalRequest",
    "RecusalState",
    "Score",
    "Tender",
    "TenderState",
    "Tie",
]
