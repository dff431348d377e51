"""Conditions of the tender's transitions that concern invitations and the panel.

Kept apart from tender.py so that the panel's rules read in one place; the reads they
need live in tenders/panel_selectors.py (imported lazily: it imports these models).
"""

from django.utils.translation import gettext_lazy as _

from marketplace.workflow import condition

MIN_INVITATIONS = 3


@condition(_("邀请招标须向不少于 3 家社会组织发出投标邀请。"))
def enough_invitations(tender):
    return tender.method != "invited" or tender.invitations.count() >= MIN_INVITATIONS


@condition(
    _(
        "评标委员会组成不符合规定（人数、单数或专家比例），或有成员尚未对每个投标人声明利益冲突；"
        "回避后人数不足的，须先补充成员。"
    )
)
def panel_ready(tender):
    from .. import panel_selectors

    seated = panel_selectors.seated_members(tender)
    if not seated or any(m.declared_at is None for m in seated):
        return False
    return not panel_selectors.composition_errors(tender, seated)


@condition(_("尚有评标专家未完成合格性审查，或未对全部合格投标的全部评分项打分。"))
def all_scored(tender):
    from .. import panel_selectors

    return panel_selectors.scoring_complete(tender)


@condition(_("评标报告尚未经全体评标委员会成员签字确认（评分变动后须重新确认）。"))
def report_confirmed(tender):
    from .. import panel_report, panel_selectors

    seated = panel_selectors.seated_members(tender)
    digest = panel_report.report_digest(tender)
    return bool(seated) and all(m.report_digest == digest for m in seated)


@condition(
    _("全体成员完成合格性审查后，合格投标仍不少于该采购方式要求的家数时，不能因资格审查流标。")
)
def review_left_too_few(tender):
    """合格性审查 is complete and fewer bids passed it than the method needs (废标/流标)."""
    from .. import panel_selectors

    seated = panel_selectors.seated_members(tender)
    if not panel_selectors.eligibility_complete(tender, seated):
        return False
    return len(panel_selectors.qualified_bid_ids(tender, seated)) < tender.min_valid_bids
