from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from marketplace.models import Role

from .models import DeliveryLog, EvaluationKind, Qualification
from .services.logs import FIELDS


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class TeamMemberForm(forms.Form):
    member = UserChoiceField(queryset=None, label=_("成员"))
    role = forms.CharField(label=_("项目中的角色"), max_length=50, initial=_("一线社工"))
    qualification = forms.ChoiceField(label=_("职业资格"), choices=Qualification.choices)
    certificate_number = forms.CharField(
        label=_("证书编号"), max_length=50, required=False, help_text=_("持证社工必填。")
    )
    is_volunteer = forms.BooleanField(label=_("志愿者"), required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = (
            get_user_model()
            .objects.filter(role_assignments__organisation=organisation)
            .distinct()
            .order_by("name")
        )


class LogForm(forms.ModelForm):
    class Meta:
        model = DeliveryLog
        fields = FIELDS
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = project.indicators.all()


class LogCorrectForm(LogForm):
    reason = forms.CharField(
        label=_("更正理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("请填写更正理由。")},
    )

    class Meta(LogForm.Meta):
        fields = [*FIELDS, "reason"]


class EvaluationOpenForm(forms.Form):
    kind = forms.ChoiceField(label=_("评估类型"), choices=EvaluationKind.choices)
    third_party = UserChoiceField(queryset=get_user_model().objects.none(), label=_("第三方评估人"))
    community = UserChoiceField(
        queryset=get_user_model().objects.none(),
        label=_("社区评分人"),
        required=False,
        help_text=_("留空则本社区任一工作人员均可评分。"),
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.order_by("name")
        self.fields["third_party"].queryset = users.filter(
            role_assignments__role=Role.EVALUATOR
        ).distinct()
        self.fields["community"].queryset = users.filter(
            role_assignments__role=Role.COMMUNITY_STAFF,
            role_assignments__place=project.community,
        ).distinct()


def _score_field(label, help_text=""):
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
    )


class ScoreForm(forms.Form):
    """A party's score: one field per criterion when the party has criteria."""

    comment = forms.CharField(
        label=_("评价意见"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        fields = {}
        for c in self.criteria:
            label = f"{c.name}（{c.weight}%，0–100）"
            fields[f"c{c.pk}"] = _score_field(label, c.guidance)
        if not self.criteria:
            fields["score"] = _score_field(_("得分（0–100）"))
        self.fields = {**fields, "comment": self.fields["comment"]}

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        if self.criteria:
            return {
                "criteria": {c.pk: data[f"c{c.pk}"] for c in self.criteria},
                "comment": data["comment"],
            }
        return {"score": data["score"], "comment": data["comment"]}


SATISFACTION = [
    (5, _("非常满意")),
    (4, _("满意")),
    (3, _("一般")),
    (2, _("不满意")),
    (1, _("非常不满意")),
]


class SurveyForm(forms.Form):
    phone = forms.CharField(
        label=_("手机号"),
        max_length=11,
        required=False,
        help_text=_("用于确认每人只作答一次，不会公开。已登录可不填。"),
    )
    q_needs = forms.TypedChoiceField(
        label=_("服务内容满足了我的需要"),
        choices=SATISFACTION,
        coerce=int,
        widget=forms.RadioSelect,
    )
    q_attitude = forms.TypedChoiceField(
        label=_("社工和志愿者的服务态度"),
        choices=SATISFACTION,
        coerce=int,
        widget=forms.RadioSelect,
    )
    q_overall = forms.TypedChoiceField(
        label=_("我对这个项目总体满意"), choices=SATISFACTION, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("意见和建议"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_phone(self):
        from marketplace.validators import validate_mobile

        phone = self.cleaned_data["phone"].strip()
        if phone:
            validate_mobile(phone)
        return phone
