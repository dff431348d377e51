from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from marketplace.models import Place, PlaceLevel

from .models import NoticeKind

BAD_DATE = _("日期格式不对，请按“年-月-日”填写，例如 2026-05-01。")


class NoticeFilterForm(forms.Form):
    """Filters of the notice list (GET): kind, place (a prefecture or county), date range.

    The place list offers the places that have notices; any prefecture or county code is
    accepted (a link to a county with no notices shows an empty list, not an error)."""

    kind = forms.ChoiceField(
        label=_("公告类型"),
        required=False,
        choices=[("", _("全部类型")), *NoticeKind.choices],
        error_messages={"invalid_choice": _("没有这种公告类型，请从列表中选择。")},
    )
    place = forms.CharField(label=_("地区"), required=False, widget=forms.Select)
    date_from = forms.DateField(
        label=_("起始日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": BAD_DATE},
    )
    date_to = forms.DateField(
        label=_("截止日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": BAD_DATE},
    )

    def __init__(self, data, *, places):
        super().__init__(data)
        self.fields["place"].widget.choices = [("", _("全部地区"))] + [
            (p.code, p.short_path) for p in places
        ]

    def clean_place(self) -> Place | None:
        code = self.cleaned_data["place"].strip()
        if not code:
            return None
        place = (
            Place.objects.filter(
                code=code, level__in=[PlaceLevel.PREFECTURE, PlaceLevel.COUNTY]
            ).first()
            if code.isdigit() and len(code) == 12
            else None
        )
        if place is None:
            raise ValidationError(_("没有这个州市或县区，请从列表中选择地区。"))
        choices = self.fields["place"].widget.choices
        if all(value != code for value, _label in choices):
            choices.append((code, place.short_path))
        return place

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("截止日期不能早于起始日期。"))
        return data
