"""After a failed tender (流标): tender again on the same terms, or by another method.

A change of method needs the approving authority and the reason (政府采购法实施条例 §23,
§27: 变更采购方式须经批准); both are kept on the new tender and recorded as the failed
tender's `retender` step (who, when, why) in the transition record.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.workflow import WorkflowError, apply_transition

from ..models import Invitation, ProcurementMethod, Tender
from .tenders import tender_create


@transaction.atomic
def tender_retender(
    *, tender: Tender, user, method: str, deadline, approved_by: str = "", reason: str = ""
) -> Tender:
    tender = Tender.objects.select_for_update().select_related("project").get(pk=tender.pk)
    if tender.retenders.exists():
        raise WorkflowError(_("该次采购已经重新发起，请在新的采购中继续。"))
    changed = method != tender.method
    if changed and not (approved_by.strip() and reason.strip()):
        raise WorkflowError(_("变更采购方式须写明批准单位和变更理由。"), status=400)
    if changed:
        record = _("重新采购，采购方式由“%(a)s”变更为“%(b)s”；批准单位：%(by)s；理由：%(r)s") % {
            "a": tender.get_method_display(),
            "b": ProcurementMethod(method).label,
            "by": approved_by.strip(),
            "r": reason.strip(),
        }
    else:
        record = _("按原采购方式重新采购。") + (reason.strip() and f" {reason.strip()}")
    apply_transition(tender, "retender", actor=user, reason=record)
    new = tender_create(
        project=tender.project,
        user=user,
        title=tender.title,
        method=method,
        deadline=deadline,
        ceiling_price=tender.ceiling_price,
        price_weight=tender.price_weight,
        criteria=list(tender.criteria.values("name", "weight", "guidance")),
        eligibility=tender.eligibility,
        is_complex=tender.is_complex,
        design_organisation=tender.design_organisation,
    )
    new.previous = tender
    if changed:
        new.method_change_approved_by = approved_by.strip()
        new.method_change_reason = reason.strip()
    new.save(update_fields=["previous", "method_change_approved_by", "method_change_reason"])
    if method == "invited":
        Invitation.objects.bulk_create(
            Invitation(tender=new, organisation_id=i.organisation_id, invited_by=user)
            for i in tender.invitations.all()
        )
    return new
