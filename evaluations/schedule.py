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
