from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NoticeKind


class NoticeFilterForm(forms.Form):
    """Filters of the notice list (GET): kind, place (county), date range."""

    kind = forms.ChoiceField(
        label=_("公告类型"), required=False, choices=[("", _("全部类型")), *NoticeKind.choices]
    )
    place = forms.ChoiceField(label=_("地区"), required=False)
    date_from = forms.DateField(
        label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, data, *, places):
        super().__init__(data)
        self.fields["place"].choices = [("", _("全部地区"))] + [
            (p.code, p.short_path) for p in places
        ]
