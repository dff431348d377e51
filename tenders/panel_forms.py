"""Forms of the panel's work, invitations and re-tendering (kept apart from forms.py)."""

from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace import clock
from marketplace.models import Role, User

from .models import ProcurementMethod, Tie

PASS_CHOICES = [("1", _("合格")), ("0", _("不合格"))]


def _evaluators():
    return User.objects.filter(role_assignments__role=Role.EVALUATOR).distinct().order_by("pk")


class PanelForm(forms.Form):
    evaluators = forms.ModelMultipleChoiceField(
        label=_("评审专家"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    representatives = forms.ModelMultipleChoiceField(
        label=_("采购人代表（本单位工作人员）"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, rule: str, representatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluators"].queryset = _evaluators()
        self.fields["evaluators"].help_text = rule
        self.fields["representatives"].queryset = representatives


class DeclarationForm(forms.Form):
    """One tie choice (and a note) per bidding organisation."""

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for org in organisations:
            self.fields[f"tie_{org.pk}"] = forms.ChoiceField(
                label=org.name,
                choices=Tie.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("请选择与该投标人的关系。")},
            )
            self.fields[f"note_{org.pk}"] = forms.CharField(
                label=_("说明"), required=False, max_length=500
            )
            self.rows.append((org, self[f"tie_{org.pk}"], self[f"note_{org.pk}"]))

    def ties(self) -> dict[int, tuple[str, str]]:
        return {
            org.pk: (self.cleaned_data[f"tie_{org.pk}"], self.cleaned_data[f"note_{org.pk}"])
            for org, _t, _n in self.rows
        }


class EligibilityForm(forms.Form):
    """合格性审查: one verdict (and the reason when failing) per valid bid."""

    def __init__(self, *args, bids, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for bid in bids:
            check = existing.get(bid.pk)
            self.fields[f"pass_{bid.pk}"] = forms.ChoiceField(
                label=bid.organisation.name,
                choices=PASS_CHOICES,
                widget=forms.RadioSelect,
                initial=None if check is None else ("1" if check.passed else "0"),
                error_messages={"required": _("请作出审查结论。")},
            )
            self.fields[f"note_{bid.pk}"] = forms.CharField(
                label=_("不合格理由"),
                required=False,
                max_length=300,
                initial=check.note if check else "",
            )
            self.rows.append((bid, self[f"pass_{bid.pk}"], self[f"note_{bid.pk}"]))

    def clean(self):
        data = super().clean()
        for bid, _p, _n in self.rows:
            if data.get(f"pass_{bid.pk}") == "0" and not data.get(f"note_{bid.pk}", "").strip():
                self.add_error(f"note_{bid.pk}", _("判定不合格须写明理由。"))
        return data

    def verdicts(self) -> dict[int, tuple[bool, str]]:
        return {
            bid.pk: (
                self.cleaned_data[f"pass_{bid.pk}"] == "1",
                self.cleaned_data[f"note_{bid.pk}"],
            )
            for bid, _p, _n in self.rows
        }


class RecusalRequestForm(forms.Form):
    member = forms.ChoiceField(label=_("申请回避的成员"))
    organisation = forms.ChoiceField(label=_("申请人（本组织）"))
    reason = forms.CharField(
        label=_("申请理由"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("请写明该成员与其他投标人存在的利害关系及依据。"),
    )

    def __init__(self, *args, members, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(m.pk, m.evaluator.display_name) for m in members]
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]


class RecusalDecisionForm(forms.Form):
    grant = forms.ChoiceField(
        label=_("决定"),
        choices=[("1", _("准予回避")), ("0", _("不予回避"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("不予回避的须写明理由。"),
    )

    def clean(self):
        data = super().clean()
        if data.get("grant") == "0" and not data.get("reason", "").strip():
            self.add_error("reason", _("不予回避须说明理由。"))
        return data


class InvitationForm(forms.Form):
    credit_code = forms.CharField(
        label=_("受邀组织的统一社会信用代码"), max_length=18, min_length=18
    )


class RetenderForm(forms.Form):
    method = forms.ChoiceField(label=_("采购方式"), choices=ProcurementMethod.choices)
    deadline = forms.DateTimeField(
        label=_("新的投标截止时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    approved_by = forms.CharField(
        label=_("批准单位及文号"),
        required=False,
        max_length=200,
        help_text=_("变更采购方式的，须经财政部门批准，写明批准单位及文号。"),
    )
    reason = forms.CharField(
        label=_("理由"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, tender, **kwargs):
        deadline = (clock.now() + timedelta(days=21)).astimezone()
        kwargs.setdefault(
            "initial",
            {
                "method": tender.method,
                "deadline": deadline.replace(hour=9, minute=30, second=0, microsecond=0),
            },
        )
        super().__init__(*args, **kwargs)
        self.tender = tender

    def clean(self):
        data = super().clean()
        if data.get("method") and data["method"] != self.tender.method:
            for name in ("approved_by", "reason"):
                if not data.get(name, "").strip():
                    self.add_error(name, _("变更采购方式时必填。"))
        return data
