"""Recording a consultation (协商) and its decision on each need."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace import rules as core
from marketplace.models import Place
from marketplace.workflow import WorkflowError

from ..models import Consultation, ConsultationDecision, Decision, Need, NeedState
from .needs import notify_followers


@transaction.atomic
def consultation_record(
    *,
    user,
    community: Place,
    date: date,
    place: str,
    participants: str,
    minutes: str,
    decisions: list[tuple[Need, str, str]],
) -> Consultation:
    """`decisions`: (need, Decision value, reason) for each need on the agenda."""
    if not core.is_staff_for(user, community):
        raise PermissionDenied(_("只有本社区的社区工作者可以记录协商。"))
    if not decisions:
        raise WorkflowError(_("协商至少需要对一条需求作出决定。"), status=400)
    consultation = Consultation.objects.create(
        community=community,
        date=date,
        place=place,
        participants=participants,
        minutes=minutes,
        held_by=user,
    )
    for need, decision, reason in decisions:
        if need.community_id != community.pk:
            raise WorkflowError(_("议题中的需求须属于本社区。"), status=400)
        if need.state != NeedState.PUBLISHED:
            raise WorkflowError(
                _("只能对已公开的需求作出决定：%(title)s") % {"title": need.title}, status=409
            )
        if decision not in Decision.values:
            raise WorkflowError(_("未知的协商决定。"), status=400)
        if decision != Decision.GO_FORWARD and not reason.strip():
            raise WorkflowError(_("暂缓或不予采纳须说明理由。"), status=400)
        ConsultationDecision.objects.create(
            consultation=consultation, need=need, decision=decision, reason=reason.strip()
        )
        notify_followers(
            need=need,
            title=_("协商结果：%(title)s — %(decision)s")
            % {"title": need.title, "decision": Decision(decision).label},
            body=reason.strip(),
            key=f"need-decision-{consultation.pk}-{need.pk}",
        )
    return consultation
