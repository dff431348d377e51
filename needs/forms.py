from django import forms
from django.forms import BaseFormSet, formset_factory
from django.utils.translation import gettext_lazy as _

from marketplace.models import IndicatorKind, Organisation, Place, PlaceLevel, Project
from marketplace.workflow import WorkflowError

from .models import Category, Decision, Need, NeedState, ParticipantKind
from .services.consultations import Participant, participant_errors

PHOTO_LIMIT = 6


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > PHOTO_LIMIT:
            raise forms.ValidationError(_("最多上传 6 张照片。"))
        from .services.photos import clean_image

        raws = []
        for f in files:
            upload = super().clean(f, initial)
            raw = upload.read()
            try:
                clean_image(raw)
            except WorkflowError as exc:
                raise forms.ValidationError(exc.message) from exc
            raws.append(raw)
        return raws


class NeedForm(forms.ModelForm):
    # The 12-digit code of a community or village: one of those offered, or any picked from
    # the place tree (so checked here, not against the offered choices).
    community = forms.CharField(
        label=_("社区/村"),
        widget=forms.Select,
        error_messages={"required": _("请选择需求所在的社区或村。")},
    )
    photos = MultiplePhotoField(
        label=_("照片"),
        required=False,
        help_text=_("选填，最多 6 张，JPG 或 PNG，每张不超过 5 MB；位置信息会被去除。"),
    )

    class Meta:
        model = Need
        fields = ["category", "community", "title", "description", "people_count", "contact_phone"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "people_count": forms.NumberInput(attrs={"min": 1}),
        }

    def __init__(self, *args, communities, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(c.code, c.short_path) for c in communities]
        self.fields["community"].widget.choices = [("", _("请选择社区/村")), *choices]
        self.fields["category"].choices = Category.choices

    def clean_community(self):
        code = self.cleaned_data["community"].strip()
        place = Place.objects.filter(code=code).first() if code.isdigit() else None
        if place is None:
            raise forms.ValidationError(_("找不到这个社区/村，请从地区中重新选择。"))
        if place.level != PlaceLevel.COMMUNITY:
            raise forms.ValidationError(
                _("“%(name)s”不是社区或村，请继续选择到社区/村一级。") % {"name": place.name}
            )
        return place


class MergeForm(forms.Form):
    # Any need: the service refuses a target that is not a published need of the same
    # community, with its reason (a narrower queryset would only say "invalid choice").
    into = forms.ModelChoiceField(label=_("合并到"), queryset=Need.objects.all())
    reason = forms.CharField(label=_("说明"), required=False, max_length=500)


class ConsultationForm(forms.Form):
    date = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("地点"), max_length=100)
    minutes = forms.CharField(label=_("会议纪要"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, agenda, **kwargs):
        super().__init__(*args, **kwargs)
        self.agenda = list(agenda)
        choices = [("", _("不列入本次议题")), *Decision.choices]
        for need in self.agenda:
            self.fields[f"decision_{need.pk}"] = forms.ChoiceField(
                label=need.title, choices=choices, required=False
            )
            self.fields[f"reason_{need.pk}"] = forms.CharField(label=_("理由"), required=False)

    def decision_rows(self):
        return [(n, self[f"decision_{n.pk}"], self[f"reason_{n.pk}"]) for n in self.agenda]

    def decisions(self):
        rows = []
        for need in self.agenda:
            decision = self.cleaned_data.get(f"decision_{need.pk}")
            if decision:
                rows.append((need, decision, self.cleaned_data.get(f"reason_{need.pk}", "")))
        return rows

    def clean(self):
        data = super().clean()
        if not self.decisions():
            raise forms.ValidationError(_("请至少对一条需求作出决定。"))
        for need in self.agenda:
            if (
                data.get(f"decision_{need.pk}") in (Decision.DEFER, Decision.DECLINE)
                and not (data.get(f"reason_{need.pk}") or "").strip()
            ):
                self.add_error(f"reason_{need.pk}", _("暂缓或不予采纳须说明理由。"))
        return data


class ParticipantForm(forms.Form):
    """One participant row; a row with no name, organisation or role is left out."""

    kind = forms.ChoiceField(label=_("类别"), choices=ParticipantKind.choices)
    name = forms.CharField(label=_("姓名/名称"), max_length=100, required=False)
    organisation = forms.ModelChoiceField(
        label=_("社会组织"), queryset=Organisation.objects.none(), required=False
    )
    role = forms.CharField(
        label=_("身份/角色"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("如居民代表、楼栋长")}),
    )

    def __init__(self, *args, organisations, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].choices = choices  # read once for all rows

    def participant(self) -> Participant | None:
        data = getattr(self, "cleaned_data", None) or {}
        if not (data.get("name", "").strip() or data.get("organisation") or data.get("role")):
            return None
        return Participant(
            kind=data.get("kind") or ParticipantKind.OTHER,
            name=data.get("name", ""),
            organisation=data.get("organisation"),
            role=data.get("role", ""),
        )


# The kinds the empty rows start with: most meetings are residents and staff.
ROW_KINDS = (
    [ParticipantKind.RESIDENT] * 3 + [ParticipantKind.STAFF] * 2 + [ParticipantKind.ORGANISATION]
)
MORE_ROWS = 4


class BaseParticipantFormSet(BaseFormSet):
    def __init__(self, *args, organisations, **kwargs):
        self.organisations = organisations
        self.choices = [("", "---------"), *organisations.values_list("pk", "name")]
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = {"organisations": self.organisations, "choices": self.choices}
        if index is not None and index >= self.initial_form_count():
            offset = index - self.initial_form_count()
            kinds = ROW_KINDS if not self.initial else [ParticipantKind.RESIDENT]
            kwargs["initial"] = {"kind": kinds[min(offset, len(kinds) - 1)]}
        return kwargs

    def filled(self) -> list[tuple[ParticipantForm, Participant]]:
        return [(f, p) for f in self.forms if (p := f.participant()) is not None]

    def participants(self) -> list[Participant]:
        return [p for _, p in self.filled()]

    def clean(self):
        if any(self.errors):
            return
        rows = self.filled()
        row_errors, overall = participant_errors([p for _, p in rows])
        for index, message in row_errors.items():
            rows[index][0].add_error("name", message)
        if overall:
            raise forms.ValidationError(overall)


ParticipantFormSet = formset_factory(
    ParticipantForm, formset=BaseParticipantFormSet, extra=len(ROW_KINDS)
)


def participant_formset(data=None, *, organisations, more=False):
    """The participant rows; `more` re-offers what was typed (unbound) with more empty rows."""
    if not more:
        return ParticipantFormSet(data, prefix="p", organisations=organisations)
    typed = ParticipantFormSet(data, prefix="p", organisations=organisations)
    typed.is_valid()
    initial = [
        {
            "kind": f.cleaned_data.get("kind"),
            "name": f.cleaned_data.get("name"),
            "organisation": f.cleaned_data.get("organisation"),
            "role": f.cleaned_data.get("role"),
        }
        for f in typed.forms
        if f.participant() is not None
    ]
    formset = ParticipantFormSet(initial=initial, prefix="p", organisations=organisations)
    formset.extra = MORE_ROWS if initial else len(ROW_KINDS)
    return formset


class DesignForm(forms.ModelForm):
    needs = forms.ModelMultipleChoiceField(
        label=_("关联需求"),
        queryset=Need.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("只列出协商决定“推进”的本社区需求。"),
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "background",
            "beneficiaries",
            "objectives",
            "service_content",
            "activity_plan",
            "risks",
            "period_start",
            "period_end",
            "no_need_reason",
        ]
        widgets = {
            f: forms.Textarea(attrs={"rows": 3})
            for f in [
                "background",
                "beneficiaries",
                "objectives",
                "service_content",
                "activity_plan",
                "risks",
                "no_need_reason",
            ]
        } | {
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, eligible, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = eligible
        self.fields["no_need_reason"].help_text = _("不关联居民需求时必填。")

    def clean(self):
        data = super().clean()
        if not data.get("needs") and not (data.get("no_need_reason") or "").strip():
            self.add_error("no_need_reason", _("项目书没有关联需求时须说明理由。"))
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end <= start:
            self.add_error("period_end", _("结束日期须晚于开始日期。"))
        return data


class IndicatorForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("类型"), choices=IndicatorKind.choices, initial=IndicatorKind.OUTPUT
    )
    name = forms.CharField(label=_("指标"), max_length=100)
    unit = forms.CharField(label=_("单位"), max_length=20)
    target = forms.DecimalField(label=_("目标值"), max_digits=10, decimal_places=1, min_value=0)


class BudgetLineForm(forms.Form):
    item = forms.CharField(label=_("支出项目"), max_length=100)
    unit_price = forms.DecimalField(
        label=_("单价（元）"), max_digits=12, decimal_places=2, min_value=0
    )
    quantity = forms.DecimalField(label=_("数量"), max_digits=10, decimal_places=1, min_value=0)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


IndicatorFormSet = formset_factory(IndicatorForm, extra=2, can_delete=True)
BudgetLineFormSet = formset_factory(BudgetLineForm, extra=2, can_delete=True)


def filled(formset) -> list[dict]:
    """The cleaned rows of a formset that were filled in and not deleted."""
    return [
        f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


__all__ = ["NeedState"]
