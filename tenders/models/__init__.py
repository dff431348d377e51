from .bid import Bid, BidState
from .contract import Contract, ContractState
from .panel import PanelMember, Score
from .tender import Criterion, ProcurementMethod, Tender, TenderState

__all__ = [
    "Bid",
    "BidState",
    "Contract",
    "ContractState",
    "Criterion",
    "PanelMember",
    "ProcurementMethod",
    "Score",
    "Tender",
    "TenderState",
]
