"""Recording volunteers' hours at a logged activity (by the organisation that ran it)."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace import clock

from .. import rules, selectors
from ..models import Delivery, DeliveryLog, Volunteer, VolunteerService, hours_between
from .logs import LOGGABLE

MAX_SPAN = timedelta(hours=24)


@transaction.atomic
def volunteer_service_record(
    *, log: DeliveryLog, user, volunteer: Volunteer, started_at, ended_at
) -> VolunteerService:
    """Record `volunteer`'s time at the activity of `log`; the log's volunteer hours follow."""
    log = DeliveryLog.objects.select_for_update().get(pk=log.pk)
    delivery = Delivery.objects.select_related("contract__organisation").get(pk=log.delivery_id)
    if not rules.records_volunteer_hours(delivery, user):
        raise PermissionDenied(_("志愿服务时长只能由组织活动的社会组织记录。"))
    if volunteer.user_id is not None and volunteer.user_id == user.pk:
        raise PermissionDenied(_("志愿者本人不能记录自己的服务时长。"))
    if delivery.state not in LOGGABLE:
        raise ValidationError(_("项目不在执行中，不能记录志愿服务时长。"))
    if not log.is_current:
        raise ValidationError(_("此日志已被更正，请在最新版本上记录。"))
    if started_at is None or ended_at is None or ended_at <= started_at:
        raise ValidationError(_("结束时间须晚于开始时间。"))
    if ended_at - started_at > MAX_SPAN:
        raise ValidationError(_("一次志愿服务不能超过24小时。"))
    if ended_at > clock.now():
        raise ValidationError(_("不能记录尚未结束的志愿服务。"))
    if timezone.localtime(started_at).date() != log.date:
        raise ValidationError(
            _("志愿服务的开始时间须在活动当天（%(d)s）。") % {"d": f"{log.date:%Y-%m-%d}"}
        )
    # Lock the volunteer: two recorders cannot both slip an overlapping period in.
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    if not volunteer.is_verified:
        raise ValidationError(_("该志愿者由本人登记，尚未经社区核实，不能记录服务时长。"))
    clash = (
        VolunteerService.objects.filter(
            volunteer=volunteer, started_at__lt=ended_at, ended_at__gt=started_at
        )
        .select_related("log", "organisation")
        .first()
    )
    if clash is not None:
        start, end = timezone.localtime(clash.started_at), timezone.localtime(clash.ended_at)
        raise ValidationError(
            _(
                "%(name)s 在 %(start)s 至 %(end)s 已有志愿服务记录（%(activity)s，%(org)s），"
                "时间重叠，不能重复计算。"
            )
            % {
                "name": volunteer.name,
                "start": f"{start:%Y-%m-%d %H:%M}",
                "end": f"{end:%H:%M}",
                "activity": clash.log.activity,
                "org": clash.organisation.name,
            }
        )
    service = VolunteerService.objects.create(
        volunteer=volunteer,
        log=log,
        organisation=delivery.contract.organisation,
        started_at=started_at,
        ended_at=ended_at,
        hours=hours_between(started_at, ended_at),
        recorded_by=user,
    )
    # A derived figure: the log's volunteer hours are the sum of its service records.
    DeliveryLog.objects.filter(pk=log.pk).update(volunteer_hours=selectors.volunteer_hours_of(log))
    return service
