"""After signing: the organisation's countersignature and supplementary agreements (补充协议)."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace import clock
from marketplace.services.notifications import notify
from marketplace.workflow import WorkflowError, apply_transition

from .. import award_selectors, rules, selectors
from ..models import Contract, ContractState, SupplementaryAgreement
from ..models.supplement import SUPPLEMENT_CAP


def contract_countersign(*, contract: Contract, user) -> Contract:
    """承接方签署: recorded as the contract's own transition (who, when)."""
    contract = apply_transition(contract, "countersign", actor=user)
    notify(
        users=award_selectors.purchasers_of(contract.tender),
        title=_("承接方已签署合同：%(t)s") % {"t": contract.tender.title},
        url=reverse("tenders:detail", args=[contract.tender_id]) + "#contract-h",
        key=f"contract-countersigned-{contract.pk}",
    )
    return contract


def supplement_room(contract: Contract) -> tuple[Decimal, Decimal]:
    """(already added, the most that may still be added)."""
    added = contract.supplements.aggregate(s=Sum("amount"))["s"] or Decimal("0")
    cap = (contract.amount * SUPPLEMENT_CAP).quantize(Decimal("0.01"))
    return added, cap - added


@transaction.atomic
def supplement_add(*, contract: Contract, user, amount: Decimal, content: str):
    contract = Contract.objects.select_for_update().select_related("project").get(pk=contract.pk)
    if not rules.can_decide(contract.tender, user):
        raise PermissionDenied(_("只有该项目的购买主体可以签订补充协议。"))
    if contract.state != ContractState.SIGNED:
        raise WorkflowError(_("只有已签订的合同可以签订补充协议。"))
    if amount is None or amount <= 0:
        raise WorkflowError(_("追加金额须大于零。"), status=400)
    if not (content or "").strip():
        raise WorkflowError(_("请填写补充内容。"), status=400)
    added, room = supplement_room(contract)
    if amount > room:
        raise WorkflowError(
            _(
                "补充协议追加金额合计不得超过原合同金额的 10%%：已追加 %(added)s 元，"
                "最多还可追加 %(room)s 元。"
            )
            % {"added": added, "room": max(room, Decimal("0"))}
        )
    supplement = SupplementaryAgreement.objects.create(
        contract=contract,
        amount=amount,
        content=content.strip(),
        created_by=user,
        signed_at=clock.now(),
    )
    notify(
        users=selectors.organisation_people(contract.organisation),
        title=_("补充协议已签订：%(t)s") % {"t": contract.tender.title},
        body=_("追加金额 %(a)s 元。") % {"a": amount},
        url=reverse("tenders:detail", args=[contract.tender_id]) + "#contract-h",
        key=f"supplement-{supplement.pk}",
    )
    return supplement
