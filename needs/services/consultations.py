"""Recording a consultation (协商): who took part, and its decision on each need."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace import rules as core
from marketplace.models import Organisation, Place
from marketplace.workflow import WorkflowError

from ..models import (
    Consultation,
    ConsultationDecision,
    ConsultationParticipant,
    Decision,
    Need,
    NeedState,
    ParticipantKind,
)
from .needs import notify_followers

K = ParticipantKind


@dataclass
class Participant:
    kind: str
    name: str = ""
    organisation: Organisation | None = None
    role: str = ""


def participant_errors(participants: list[Participant]) -> tuple[dict[int, str], list[str]]:
    """What is wrong with the participants: per row (by index), and for the meeting as a whole.

    A consultation (协商) is residents and community staff deciding together: at least one of
    each must take part. An organisation is named by choosing it or by typing its name."""
    rows: dict[int, str] = {}
    for i, p in enumerate(participants):
        name = p.name.strip()
        if p.kind not in K.values:
            rows[i] = _("未知的参加者类别。")
        elif p.kind == K.ORGANISATION and not (p.organisation or name):
            rows[i] = _("社会组织须从列表中选择，或填写其名称。")
        elif p.kind != K.ORGANISATION and p.organisation is not None:
            rows[i] = _("只有“社会组织”类参加者可以选择社会组织。")
        elif p.kind != K.ORGANISATION and not name:
            rows[i] = _("请填写参加者姓名。")
        elif len(name) > 100 or len(p.role.strip()) > 100:
            rows[i] = _("姓名和身份均不能超过 100 个字。")
    kinds = {p.kind for p in participants}
    overall = []
    if K.RESIDENT not in kinds:
        overall.append(_("协商须有居民参加：请至少填写一位居民。"))
    if K.STAFF not in kinds:
        overall.append(_("协商须有社区工作者参加：请至少填写一位社区工作者。"))
    return rows, overall


def _check_participants(participants: list[Participant]) -> None:
    rows, overall = participant_errors(participants)
    if rows or overall:
        raise WorkflowError(next(iter(rows.values()), None) or overall[0], status=400)


@transaction.atomic
def consultation_record(
    *,
    user,
    community: Place,
    date: date,
    place: str,
    participants: list[Participant],
    minutes: str,
    decisions: list[tuple[Need, str, str]],
) -> Consultation:
    """`decisions`: (need, Decision value, reason) for each need on the agenda."""
    if not core.is_staff_for(user, community):
        raise PermissionDenied(_("只有本社区的社区工作者可以记录协商。"))
    if not decisions:
        raise WorkflowError(_("协商至少需要对一条需求作出决定。"), status=400)
    _check_participants(participants)
    consultation = Consultation.objects.create(
        community=community, date=date, place=place, minutes=minutes, held_by=user
    )
    ConsultationParticipant.objects.bulk_create(
        ConsultationParticipant(
            consultation=consultation,
            kind=p.kind,
            name=p.name.strip(),
            organisation=p.organisation,
            role=p.role.strip(),
        )
        for p in participants
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
