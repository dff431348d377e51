"""Recording delivery logs; a correction is a new version that supersedes the old one."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace import clock
from marketplace.workflow import WorkflowError

from .. import rules, selectors
from ..models import Delivery, DeliveryLog, DeliveryState

LOGGABLE = [DeliveryState.IN_DELIVERY, DeliveryState.UNDER_EVALUATION, DeliveryState.RECTIFYING]
FIELDS = [
    "indicator",
    "count",
    "activity",
    "date",
    "place",
    "participants",
    "beneficiaries",
    "service_hours",
    "note",
]


def _check(delivery, user, fields):
    if not rules.logs(delivery, user):
        raise PermissionDenied(_("只有项目团队成员可以记录执行日志。"))
    if delivery.state not in LOGGABLE:
        raise WorkflowError(_("项目不在执行中，不能记录日志。"))
    indicator = fields.get("indicator")
    if indicator is not None and indicator.project_id != delivery.project_id:
        raise WorkflowError(_("所选指标不属于本项目。"), status=400)
    day, contract = fields.get("date"), delivery.contract
    if day and day > clock.today():
        raise WorkflowError(_("不能记录未来日期的活动。"), status=400)
    if day and not contract.start_date <= day <= contract.end_date:
        raise WorkflowError(
            _("活动日期须在合同服务期内（%(start)s 至 %(end)s）。")
            % {"start": f"{contract.start_date:%Y-%m-%d}", "end": f"{contract.end_date:%Y-%m-%d}"},
            status=400,
        )


@transaction.atomic
def log_record(*, delivery: Delivery, user, **fields) -> DeliveryLog:
    delivery = Delivery.objects.select_related("contract").get(pk=delivery.pk)
    _check(delivery, user, fields)
    return DeliveryLog.objects.create(
        delivery=delivery, author=user, **{k: v for k, v in fields.items() if k in FIELDS}
    )


@transaction.atomic
def log_correct(*, log: DeliveryLog, user, reason: str, **fields) -> DeliveryLog:
    """Supersede `log` by a new version carrying `fields` (unchanged fields are copied)."""
    old = DeliveryLog.objects.select_for_update().get(pk=log.pk)
    delivery = Delivery.objects.select_related("contract").get(pk=old.delivery_id)
    _check(delivery, user, fields)
    if not old.is_current:
        raise WorkflowError(_("此日志已被更正，请更正其最新版本。"))
    if not reason.strip():
        raise WorkflowError(_("更正须说明理由。"), status=400)
    values = {f: getattr(old, f) for f in FIELDS}
    values.update({k: v for k, v in fields.items() if k in FIELDS})
    DeliveryLog.objects.filter(pk=old.pk).update(is_current=False)
    return DeliveryLog.objects.create(
        delivery=delivery,
        author=user,
        version=old.version + 1,
        supersedes=old,
        correction_reason=reason.strip(),
        # Derived from the volunteer service records, which stay on the versions they were
        # recorded on: the new version carries the whole chain's sum.
        volunteer_hours=selectors.volunteer_hours_of(old),
        **values,
    )
