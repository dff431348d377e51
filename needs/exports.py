"""Exports of need lists (the review queue and the needs list, phones masked per viewer) and of
the staff member's consultation record."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from marketplace.exports.base import Export, ExportColumn, field
from marketplace.exports.base import register as add
from marketplace.masking import mask_name, mask_phone
from marketplace.models import Place

from . import rules, selectors
from .models import ParticipantKind


def _phone(need, viewer):
    return (
        need.contact_phone
        if rules.can_see_contact(need, viewer)
        else mask_phone(need.contact_phone)
    )


def _author(need, viewer):
    name = need.author.display_name
    return name if rules.can_see_contact(need, viewer) else mask_name(name)


def _review_rows(user, params):
    if not selectors.staff_communities(user):
        raise PermissionDenied
    return selectors.review_queue(user)


def _list_rows(user, params):
    """The needs list page's own selector and filters (staff and purchasers only)."""
    if not rules.can_export_list(user):
        raise PermissionDenied
    code = params.get("place", "")
    return selectors.public_needs(
        place=Place.objects.filter(code=code).first() if code.isdigit() else None,
        category=params.get("category", ""),
        state=params.get("state", ""),
        q=params.get("q", "").strip()[:50],
        sort=params.get("sort", "new"),
    )


COLUMNS = (
    ExportColumn(_("编号"), field("pk")),
    ExportColumn(_("标题"), field("title")),
    ExportColumn(_("类别"), field("get_category_display")),
    ExportColumn(_("社区/村"), field("community.path_name")),
    ExportColumn(_("状态"), field("get_state_display")),
    ExportColumn(_("涉及人数"), field("people_count")),
    ExportColumn(_("附议数"), field("endorsement_count")),
    ExportColumn(_("提出人"), _author),
    ExportColumn(_("联系电话"), _phone),
    ExportColumn(_("提出时间"), field("created_at")),
    ExportColumn(_("具体描述"), field("description")),
)


def _consultation_rows(user, params):
    if not selectors.staff_communities(user):
        raise PermissionDenied
    return selectors.consultations_with_participants(user)


def _participants(consultation, viewer):
    """Per kind: the head count, and the organisations by name (never residents' names):
    居民 5 人；社区工作者 2 人；社会组织：XX社工服务中心."""
    people = list(consultation.participants.all())
    parts = []
    for kind in ParticipantKind:
        rows = [p for p in people if p.kind == kind]
        if not rows:
            continue
        if kind == ParticipantKind.ORGANISATION:
            parts.append(f"{kind.label}：{'、'.join(p.label for p in rows)}")
        else:
            parts.append(_("%(kind)s %(n)d 人") % {"kind": kind.label, "n": len(rows)})
    return "；".join(str(p) for p in parts)


CONSULTATION_COLUMNS = (
    ExportColumn(_("日期"), field("date")),
    ExportColumn(_("社区/村"), field("community.path_name")),
    ExportColumn(_("地点"), field("place")),
    ExportColumn(_("参加人员"), _participants),
    ExportColumn(_("议题数"), field("agenda")),
    ExportColumn(_("推进数"), field("forward")),
    ExportColumn(_("记录人"), field("held_by.display_name")),
    ExportColumn(_("会议纪要"), field("minutes")),
)


def register() -> None:
    add(Export(slug="needs-review", label=_("待审核需求"), columns=COLUMNS, rows=_review_rows))
    add(Export(slug="needs", label=_("居民需求"), columns=COLUMNS, rows=_list_rows))
    add(
        Export(
            slug="consultations",
            label=_("协商会议记录"),
            columns=CONSULTATION_COLUMNS,
            rows=_consultation_rows,
        )
    )
