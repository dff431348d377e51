"""Export of the purchaser's tenders list (never any bid information)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from marketplace import rules as core
from marketplace.exports.base import Export, ExportColumn, field
from marketplace.exports.base import register as add
from marketplace.models import Role

from . import selectors


def _rows(user, params):
    if not core.places_for(user, Role.PURCHASER):
        raise PermissionDenied
    return selectors.tenders_for_purchaser(user).select_related("project__community")


TENDERS = Export(
    slug="tenders",
    label=_("采购项目"),
    columns=(
        ExportColumn(_("采购项目名称"), field("title")),
        ExportColumn(_("项目"), field("project.title")),
        ExportColumn(_("社区/村"), field("project.community.path_name")),
        ExportColumn(_("采购方式"), field("get_method_display")),
        ExportColumn(_("最高限价（元）"), field("ceiling_price")),
        ExportColumn(_("状态"), field("get_state_display")),
        ExportColumn(_("发布时间"), field("published_at")),
        ExportColumn(_("投标截止时间"), field("deadline")),
        ExportColumn(_("公示结束时间"), field("publicity_ends_at")),
    ),
    rows=_rows,
)


def register() -> None:
    add(TENDERS)
