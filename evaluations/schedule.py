"""Payment schedule arithmetic (pure): percentages of the contract amount, to the fen."""

from decimal import ROUND_DOWN, Decimal

# (label, percentage, gate) — the default schedule: 30% on signing, 40% mid-term, 30% final.
DEFAULT_SCHEDULE = [
    ("签约后首付款", Decimal("30"), "signing"),
    ("中期评估通过后付款", Decimal("40"), "mid_pass"),
    ("终期评估（验收）通过后尾款", Decimal("30"), "final_pass"),
]

# (party kind, weight): 服务对象满意度 30 / 社区 20 / 第三方评估机构 30 / 购买主体 20.
DEFAULT_PARTIES = [("residents", 30), ("community", 20), ("third_party", 30), ("purchaser", 20)]


def split(amount: Decimal, schedule) -> list[tuple[str, Decimal, str, Decimal]]:
    """(label, percentage, gate, amount) per item; the last item takes the rounding rest,
    so the amounts always sum to exactly `amount`."""
    if sum(p for _, p, _ in schedule) != 100:
        raise ValueError("percentages must sum to 100")
    rows, given = [], Decimal("0")
    for i, (label, pct, gate) in enumerate(schedule):
        if i == len(schedule) - 1:
            part = amount - given
        else:
            part = (amount * pct / 100).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
        given += part
        rows.append((label, pct, gate, part))
    return rows


# Each party's criteria: (name, weight within the party, guidance for the scorer). The
# residents' party has none: its score is the mean of the satisfaction survey. A final
# evaluation replaces the purchaser's criteria by the contract's service standards.
DEFAULT_CRITERIA = {
    "community": [
        ("服务与社区需求的契合度", 40, "服务内容是否回应了居民提出的需求，是否覆盖目标人群。"),
        ("居民参与和社区资源链接", 30, "居民、志愿者参与的广度，以及社区资源的动员和链接。"),
        ("与社区的沟通协作", 30, "是否定期向社区通报进展，配合社区工作，及时处理反映的问题。"),
    ],
    "third_party": [
        ("项目管理与执行规范", 30, "团队配置、制度、计划执行和风险管理是否规范。"),
        ("产出指标完成情况", 40, "对照项目书的产出指标，核查执行日志与佐证材料。"),
        ("服务成效与档案资料", 30, "服务对象的改变与成效证据，档案资料是否完整真实。"),
    ],
    "purchaser": [
        ("合同履行与进度", 50, "是否按合同约定的内容、标准和进度提供服务。"),
        ("资金使用规范", 50, "资金是否按预算使用，支出凭证是否齐全。"),
    ],
}


def service_standards(text: str) -> list[str]:
    """The contract's service standard split into its items (one per line or ；)."""
    items = []
    for line in (text or "").replace("；", "\n").replace(";", "\n").splitlines():
        item = line.strip().lstrip("0123456789.、)）(（ ").strip()
        if item:
            items.append(item[:200])
    return items


def equal_weights(n: int) -> list[int]:
    """n integer weights summing to 100 (the last takes the rest)."""
    if n <= 0:
        return []
    base = 100 // n
    return [base] * (n - 1) + [100 - base * (n - 1)]


def overdue_milestones(start, end, today, passed_kinds) -> list[str]:
    """The evaluation milestones that are due and not passed: the mid-term at half of the
    service period, the final (acceptance) at its end. Returns kinds ("mid", "final")."""
    if not start or not end or not today or end <= start:
        return []
    overdue = []
    if (
        today > start + (end - start) / 2
        and "mid" not in passed_kinds
        and "final" not in passed_kinds
    ):
        overdue.append("mid")
    if today > end and "final" not in passed_kinds:
        overdue.append("final")
    return overdue
