"""Exports of a delivery's logs and payments and of the volunteer list, with the same checks
as their pages (volunteers' phones and ID numbers always masked)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.exports.base import Export, ExportColumn, field
from marketplace.exports.base import register as add

from . import rules, selectors
from .models import Delivery


def _delivery(user, params) -> Delivery:
    pk = params.get("delivery", "")
    if not pk.isdigit():
        raise Http404
    try:
        delivery = selectors.delivery_with_context(int(pk))
    except Delivery.DoesNotExist:
        raise Http404 from None
    if not selectors.can_view_delivery(delivery, user):
        raise PermissionDenied
    return delivery


def _logs(user, params):
    return selectors.current_logs(_delivery(user, params))


def _payments(user, params):
    delivery = _delivery(user, params)
    if not (rules.decides(delivery, user) or rules.names_team(delivery, user)):
        raise PermissionDenied
    return selectors.payments_for(delivery.contract).select_related("released_by")


LOGS = Export(
    slug="delivery-logs",
    label=_("执行日志"),
    columns=(
        ExportColumn(_("日期"), field("date")),
        ExportColumn(_("活动内容"), field("activity")),
        ExportColumn(_("地点"), field("place")),
        ExportColumn(_("指标"), field("indicator.name")),
        ExportColumn(_("完成数量"), field("count")),
        ExportColumn(_("参与人数"), field("participants")),
        ExportColumn(_("受益人数"), field("beneficiaries")),
        ExportColumn(_("服务时长（小时）"), field("service_hours")),
        ExportColumn(_("志愿服务时长（小时）"), field("volunteer_hours")),
        ExportColumn(_("版本"), field("version")),
        ExportColumn(_("备注"), field("note")),
    ),
    rows=_logs,
)

PAYMENTS = Export(
    slug="payments",
    label=_("付款"),
    columns=(
        ExportColumn(_("款项"), field("label")),
        ExportColumn(_("比例（%）"), field("percentage")),
        ExportColumn(_("金额（元）"), field("amount")),
        ExportColumn(_("支付条件"), field("get_gate_display")),
        ExportColumn(_("状态"), field("get_state_display")),
        ExportColumn(_("拨付时间"), field("released_at")),
        ExportColumn(_("拨付人"), field("released_by.display_name")),
    ),
    rows=_payments,
)


def _volunteers(user, params):
    if not user.is_authenticated:
        raise PermissionDenied
    return selectors.volunteers_for(user, params.get("community", "").strip())


def _last_activity(volunteer, _viewer):
    when = volunteer.last_activity
    return timezone.localtime(when).date() if when else ""


VOLUNTEERS = Export(
    slug="volunteers",
    label=_("志愿者"),
    columns=(
        ExportColumn(_("姓名"), field("name")),
        ExportColumn(_("志愿者编号"), field("number")),
        ExportColumn(_("状态"), field("get_state_display")),
        ExportColumn(_("手机号"), field("masked_phone")),
        ExportColumn(_("居民身份证号码"), field("masked_id_number")),
        ExportColumn(_("技能特长"), field("skills")),
        ExportColumn(_("登记组织"), field("organisation.name")),
        ExportColumn(_("累计时长（小时）"), lambda v, _viewer: v.total_hours or 0),
        ExportColumn(_("最近服务"), _last_activity),
    ),
    rows=_volunteers,
)


def register() -> None:
    add(LOGS)
    add(PAYMENTS)
    add(VOLUNTEERS)
