"""Award rounds of a tender, read from its transition records.

A round starts when the tender enters award_proposed and ends when the award is reopened
(质疑成立 → Tender.reopen_award, back to evaluation). Round n is 1 + the number of reopens
before it, so the step that proposes or awards knows its round whether or not its own record
was written yet. Each round has its own award-proposal and award notice.
"""

from dataclasses import dataclass

from django.db.models import Q

from marketplace.selectors import records_of

from .models.notices import NoticeKind

ROUND_KINDS = (NoticeKind.AWARD_PROPOSAL, NoticeKind.AWARD)
REOPEN = "reopen_award"


@dataclass
class AwardRound:
    number: int
    proposed: object = None  # the TransitionRecord into award_proposed
    awarded: object = None  # … into awarded
    reopened: object = None  # the reopen_award record that withdrew this round

    def step(self, kind):
        return self.proposed if kind == NoticeKind.AWARD_PROPOSAL else self.awarded


def is_round_kind(kind, obj) -> bool:
    return kind in ROUND_KINDS and obj._meta.label == "tenders.Tender"


def current_round(tender) -> int:
    """The round a proposal or award made now belongs to."""
    return 1 + records_of(tender).filter(transition=REOPEN).count()


def rounds_from(records) -> list[AwardRound]:
    """The rounds in `records` (one tender's, ordered by time); only rounds with a step."""
    rounds, current = [], AwardRound(1)
    for record in records:
        if record.transition == REOPEN:
            current.reopened = record
            rounds.append(current)
            current = AwardRound(current.number + 1)
        elif record.target == "award_proposed":
            current.proposed = record
        elif record.target == "awarded":
            current.awarded = record
    rounds.append(current)
    return [r for r in rounds if r.proposed is not None or r.awarded is not None]


def relevant(records):
    """Narrow a TransitionRecord queryset to the records that make rounds."""
    return records.filter(Q(transition=REOPEN) | Q(target__in=["award_proposed", "awarded"]))


def award_rounds(tender) -> dict[int, AwardRound]:
    records = relevant(records_of(tender)).order_by("at", "pk")
    return {r.number: r for r in rounds_from(records)}
