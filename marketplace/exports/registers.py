"""Exports of the core registers: places (within the viewer's scope) and organisations."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .. import rules, selectors
from ..models import Place, Role
from .base import Export, ExportColumn, field
from .base import register as add


def _places(user, params):
    if not rules.can_export_registers(user):
        raise PermissionDenied
    qs = Place.objects.select_related("parent").order_by("code")
    if user.is_superuser:
        return qs
    scope = Q(pk__in=[])
    for role in (Role.COMMUNITY_STAFF, Role.PURCHASER):
        for place in rules.places_for(user, role):
            scope |= Q(code__startswith=place.prefix)
    return qs.filter(scope)


def _organisations(user, params):
    if not rules.can_export_registers(user):
        raise PermissionDenied
    return selectors.public_organisations(query=params.get("q", ""))


PLACES = Export(
    slug="places",
    label=_("行政区划"),
    columns=(
        ExportColumn(_("统计用区划代码"), field("code")),
        ExportColumn(_("名称"), field("name")),
        ExportColumn(_("层级"), field("get_level_display")),
        ExportColumn(_("上级代码"), field("parent.code")),
        ExportColumn(_("城乡"), field("get_urban_rural_display")),
        ExportColumn(_("户数"), field("households")),
        ExportColumn(_("全称"), field("path_name")),
    ),
    rows=_places,
)

ORGANISATIONS = Export(
    slug="organisations",
    label=_("社会组织名录"),
    columns=(
        ExportColumn(_("名称"), field("name")),
        ExportColumn(_("统一社会信用代码"), field("credit_code")),
        ExportColumn(_("类型"), field("get_type_display")),
        ExportColumn(_("登记管理机关"), field("registration_authority")),
        ExportColumn(_("成立登记日期"), field("registered_on")),
        ExportColumn(_("所在地"), field("place.path_name")),
        ExportColumn(_("等级评估"), field("rating")),
        ExportColumn(_("年报"), field("get_annual_report_display")),
        ExportColumn(_("列入失信名单"), field("bad_credit")),
        ExportColumn(_("第三方评估机构"), field("is_evaluation_agency")),
    ),
    rows=_organisations,
)


def register() -> None:
    add(PLACES)
    add(ORGANISATIONS)
