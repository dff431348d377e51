from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.models import Place, PlaceLevel
from marketplace.validators import validate_mobile
from needs.models import Category

MESSAGES = {"required": _("此项必填。"), "max_length": _("最多 %(limit_value)d 个字符。")}


class NeedImportForm(forms.Form):
    """A need sent by a 12345 hotline or 一网通办 portal (checked field by field)."""

    external_id = forms.CharField(label=_("外部编号"), max_length=64, error_messages=MESSAGES)
    community = forms.CharField(label=_("社区/村代码"), error_messages=MESSAGES)
    category = forms.ChoiceField(
        label=_("类别"),
        choices=Category.choices,
        error_messages={**MESSAGES, "invalid_choice": _("没有这个类别代码。")},
    )
    title = forms.CharField(label=_("标题"), max_length=100, error_messages=MESSAGES)
    description = forms.CharField(label=_("具体描述"), max_length=5000, error_messages=MESSAGES)
    people_count = forms.IntegerField(
        label=_("涉及人数"),
        min_value=1,
        max_value=100000,
        required=False,
        error_messages={
            "invalid": _("应为整数。"),
            "min_value": _("至少为 1。"),
            "max_value": _("不能超过 100000。"),
        },
    )
    contact_phone = forms.CharField(
        label=_("联系电话"), required=False, max_length=11, validators=[validate_mobile]
    )

    def clean_community(self):
        code = self.cleaned_data["community"].strip()
        place = Place.objects.filter(code=code).first()
        if place is None:
            raise forms.ValidationError(_("没有这个地区代码。"))
        if place.level != PlaceLevel.COMMUNITY:
            raise forms.ValidationError(_("需求须提给一个社区或村（第 5 级区划）。"))
        return place

    def clean_people_count(self):
        return self.cleaned_data.get("people_count") or 1
