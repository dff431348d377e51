"""Panel composition (评标委员会组成) and the panel's eligibility verdict: pure, no ORM.

政府采购货物和服务招标投标管理办法 §47 and 政府采购法实施条例 §39: for 公开招标 and
邀请招标 the panel has at least 5 members, an odd number, of whom experts are at least two
thirds; at least 7 when the budget is 10,000,000 yuan or more or the project is complex.
The other methods (磋商、谈判、单一来源、创投) need at least 3 members, an odd number; their
experts too are at least two thirds (非招标采购方式管理办法 §7, 竞争性磋商办法 §14).
"""

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

EXPERT = "expert"
PURCHASER_REP = "purchaser_rep"
TENDER_METHODS = {"open", "invited"}
LARGE_BUDGET = Decimal("10000000")


def minimum_size(method: str, ceiling: Decimal, is_complex: bool) -> int:
    if method not in TENDER_METHODS:
        return 3
    if Decimal(ceiling) >= LARGE_BUDGET or is_complex:
        return 7
    return 5


def describe(method: str, ceiling: Decimal, is_complex: bool) -> str:
    """The rule that applies, in one sentence (shown above the appointment form)."""
    size = minimum_size(method, ceiling, is_complex)
    if method in TENDER_METHODS:
        return _(
            "本项目评标委员会须为不少于 %(n)d 人的单数，其中评审专家不少于成员总数的三分之二；"
            "购买主体本单位工作人员不得以评审专家身份参加。"
        ) % {"n": size}
    return _(
        "本项目评审小组须为不少于 %(n)d 人的单数，其中评审专家不少于成员总数的三分之二；"
        "购买主体本单位工作人员不得以评审专家身份参加。"
    ) % {"n": size}


def composition_errors(
    method: str, ceiling: Decimal, is_complex: bool, kinds: Sequence[str]
) -> list[str]:
    """Why a panel with members of these kinds is not lawful (empty list: it is)."""
    size = len(kinds)
    minimum = minimum_size(method, ceiling, is_complex)
    errors = []
    if size < minimum:
        errors.append(_("评标委员会至少需要 %(m)d 人，当前 %(n)d 人。") % {"m": minimum, "n": size})
    if size % 2 == 0:
        errors.append(_("评标委员会成员须为单数，当前 %(n)d 人。") % {"n": size})
    experts = sum(1 for k in kinds if k == EXPERT)
    if size and experts * 3 < size * 2:
        errors.append(
            _("评审专家须不少于成员总数的三分之二，当前专家 %(e)d 人、共 %(n)d 人。")
            % {"e": experts, "n": size}
        )
    return errors


def qualified_bids(
    bid_ids: Iterable[int], verdicts: Mapping[int, Sequence[bool]], panel_size: int
) -> set[int]:
    """Bids a majority of the seated panel found eligible (合格性审查，少数服从多数)."""
    return {b for b in bid_ids if sum(1 for v in verdicts.get(b, ()) if v) * 2 > panel_size}
