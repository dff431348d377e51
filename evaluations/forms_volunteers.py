"""Forms for volunteers, their hours, certificates and log evidence (validation in services)."""

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.models import Place

from .models import Volunteer


class PlaceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class VolunteerForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    phone = forms.CharField(label=_("手机号"), max_length=11)
    id_number = forms.CharField(
        label=_("居民身份证号码"),
        max_length=18,
        help_text=_("18位，登记后仅本人和本组织管理员可见全文。"),
    )
    skills = forms.CharField(
        label=_("技能特长"), max_length=200, required=False, help_text=_("例如：急救、手工、书法。")
    )
    communities = PlaceChoiceField(
        label=_("服务社区"), queryset=Place.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, communities, **kwargs):
        super().__init__(*args, **kwargs)
        # The organisation's area, or the resident's street (never the whole country).
        self.fields["communities"].queryset = communities


class VolunteerCorrectionForm(VolunteerForm):
    """Staff correct a record: everything but the ID number (only the person changes it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["id_number"]


def organisation_communities(organisation):
    return Place.objects.within(organisation.place).communities().order_by("code")


class VolunteerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.number}）"


class VolunteerServiceForm(forms.Form):
    volunteer = VolunteerChoiceField(label=_("志愿者"), queryset=Volunteer.objects.none())
    start = forms.TimeField(label=_("开始时间"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("结束时间"), widget=forms.TimeInput(attrs={"type": "time"}))

    def __init__(self, *args, volunteers, day, **kwargs):
        super().__init__(*args, **kwargs)
        self.day = day
        self.fields["volunteer"].queryset = volunteers

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        tz = timezone.get_current_timezone()
        return {
            "volunteer": data["volunteer"],
            "started_at": timezone.make_aware(datetime.combine(self.day, data["start"]), tz),
            "ended_at": timezone.make_aware(datetime.combine(self.day, data["end"]), tz),
        }


class CertificateForm(forms.Form):
    responsible_person = forms.CharField(
        label=_("负责人"), max_length=50, help_text=_("出具证明的组织负责人姓名，印在证明上。")
    )


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("照片或文件"), help_text=_("JPG、PNG、PDF、DOCX、XLSX，不超过 10 MB。")
    )
