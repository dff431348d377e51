"""The next date that binds a tender, per state (pure: reads the tender's own fields).

- published: the bid deadline (投标截止);
- evaluating: the panel's scoring is due PANEL_SCORING_DAYS after opening (default 5);
- award proposed: the end of publicity (公示结束);
- awarded: the contract is due within CONTRACT_SIGN_DAYS of the award (政府采购法第四十六条:
  中标通知书发出之日起三十日内签订合同).
Other states wait on a person, not on a date (None).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import TenderState

T = TenderState


@dataclass(frozen=True)
class DueDate:
    label: str
    at: datetime


def panel_scoring_days() -> int:
    return int(getattr(settings, "PANEL_SCORING_DAYS", 5))


def contract_sign_days() -> int:
    return int(getattr(settings, "CONTRACT_SIGN_DAYS", 30))


def next_due(tender) -> DueDate | None:
    if tender.state in (T.PUBLISHED, T.CLARIFICATION):
        return DueDate(_("投标截止"), tender.deadline)
    if tender.state == T.EVALUATING and tender.opened_at:
        return DueDate(_("评分截止"), tender.opened_at + timedelta(days=panel_scoring_days()))
    if tender.state == T.AWARD_PROPOSED and tender.publicity_ends_at:
        return DueDate(_("公示结束"), tender.publicity_ends_at)
    if tender.state == T.AWARDED and tender.awarded_at:
        return DueDate(_("合同签订期限"), tender.awarded_at + timedelta(days=contract_sign_days()))
    return None


def with_due(tenders) -> list:
    """The tenders with `.due` set (for pages and reminders)."""
    tenders = list(tenders)
    for t in tenders:
        t.due = next_due(t)
    return tenders
