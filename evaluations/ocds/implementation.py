"""Implementation releases: the payment schedule and evaluations as contract milestones,
released payments as transactions (OCDS `contracts[].implementation`)."""

from .mapping import (
    Parties,
    _base,
    _contract_of,
    award_id,
    buyer_id,
    buyer_name,
    contract_id,
    contract_section,
    money,
    org_ref,
    stamp,
)

EVALUATION_STATUS = {"open": "scheduled", "closed_pass": "met", "closed_fail": "notMet"}


def _payment_milestone(item, *, released: bool) -> dict:
    milestone = {
        "id": f"payment-{item.pk}",
        "title": item.label,
        "type": "payment",
        "description": f"{item.get_gate_display()}支付合同金额的 {item.percentage.normalize():f}%",
        "status": "met" if released else "scheduled",
    }
    if released:
        milestone["dateMet"] = stamp(item.released_at)
        milestone["dateModified"] = stamp(item.released_at)
    return milestone


def _evaluation_milestone(evaluation, *, closed: bool) -> dict:
    milestone = {
        "id": f"evaluation-{evaluation.pk}",
        "title": f"{evaluation.get_kind_display()}（第 {evaluation.round} 轮）",
        "type": "assessment",
        "status": EVALUATION_STATUS[evaluation.state] if closed else "scheduled",
    }
    if closed and evaluation.total is not None:
        milestone["description"] = (
            f"评估总分 {evaluation.total.normalize():f}，等级：{evaluation.get_grade_display()}"
        )
        milestone["dateModified"] = stamp(evaluation.closed_at)
        if evaluation.state == "closed_pass":
            milestone["dateMet"] = stamp(evaluation.closed_at)
    return milestone


def _transaction(tender, contract, item) -> dict:
    return {
        "id": f"payment-{item.pk}",
        "date": stamp(item.released_at),
        "value": money(item.amount),
        "payer": {"id": buyer_id(tender), "name": buyer_name(tender)},
        "payee": org_ref(contract.organisation),
    }


def _delivery_of(contract):
    try:
        return contract.delivery
    except type(contract).delivery.RelatedObjectDoesNotExist:
        return None


def _events(tender, contract) -> list[tuple]:
    delivery = _delivery_of(contract)
    items = list(contract.payment_items.all())
    evaluations = list(delivery.evaluations.all()) if delivery is not None else []
    events = []
    if items or evaluations:
        start = (delivery.created_at if delivery else None) or contract.signed_at
        events.append((start, "implementation", (items, evaluations)))
    events += [(i.released_at, "payment", i) for i in items if i.state == "released"]
    events += [(e.closed_at, "evaluation", e) for e in evaluations if e.closed_at]
    if contract.state == "terminated":
        ended = [r.at for r in getattr(tender, "ocds_contract_records", [])]
        events.append((ended[-1] if ended else contract.signed_at, "termination", None))
    return sorted(events, key=lambda e: (e[0], e[1]))


def implementation_releases(tender, parties: Parties, floor=None) -> list[dict]:
    contract = _contract_of(tender)
    if contract is None or contract.state == "draft":
        return []
    releases = []
    for when, kind, obj in _events(tender, contract):
        when = max(when, floor) if floor else when
        ref = {"id": contract_id(tender), "awardID": award_id(tender)}
        tags = ["implementationUpdate"]
        if kind == "implementation":
            items, evaluations = obj
            milestones = [_payment_milestone(i, released=False) for i in items]
            milestones += [_evaluation_milestone(e, closed=False) for e in evaluations]
            tags = ["implementation"]
            section = contract_section(tender, contract, implementation={"milestones": milestones})
            stage = "implementation"
        elif kind == "payment":
            parties.add_buyer("payer")
            parties.add_org(contract.organisation, "payee")
            milestone = _payment_milestone(obj, released=True)
            section = dict(ref, implementation={
                "milestones": [milestone],
                "transactions": [_transaction(tender, contract, obj)],
            })  # fmt: skip
            stage = f"payment-{obj.pk}"
        elif kind == "evaluation":
            milestone = _evaluation_milestone(obj, closed=True)
            section = dict(ref, implementation={"milestones": [milestone]})
            stage = f"evaluation-{obj.pk}"
        else:
            tags = ["contractTermination"]
            section = dict(ref, status="terminated")
            stage = "termination"
        release = _base(tender, stage, when, tags, parties)
        release["contracts"] = [section]
        releases.append(release)
    return releases
