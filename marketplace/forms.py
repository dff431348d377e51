from decimal import Decimal

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import FundingSource, Organisation, Role
from .services import signin_limits
from .workflow import WorkflowError


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请填写理由。")},
    )


class ApproveForm(forms.Form):
    budget = forms.DecimalField(
        label=_("批准预算（元）"),
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
        error_messages={
            "required": _("请填写批准预算。"),
            "invalid": _("请输入金额。"),
            "min_value": _("批准预算必须大于零。"),
        },
    )
    funding_source = forms.ChoiceField(
        label=_("资金来源"),
        choices=FundingSource.choices,
        error_messages={
            "required": _("请选择资金来源。"),
            "invalid_choice": _("请从列表中选择资金来源。"),
        },
    )
    reason = forms.CharField(
        label=_("审批意见"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class LoginForm(AuthenticationForm):
    """Password sign-in: the user name or the phone number (see backends.PhoneBackend),
    limited after repeated wrong passwords (services.signin_limits)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("用户名或密码不正确，请重新输入。"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("手机号或用户名")

    def clean(self):
        try:
            signin_limits.refuse_if_limited(
                self.data.get("username", ""), signin_limits.client_ip(self.request)
            )
        except WorkflowError as exc:
            raise forms.ValidationError(exc.message, code="throttled") from exc
        return super().clean()


class PhoneForm(forms.Form):
    phone = forms.CharField(
        label=_("手机号"),
        max_length=11,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "tel"}),
        error_messages={"required": _("请输入手机号。")},
    )


class CodeForm(PhoneForm):
    code = forms.CharField(
        label=_("验证码"),
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        error_messages={"required": _("请输入验证码。")},
    )


class OrganisationProfileForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}


class MemberForm(forms.Form):
    phone = forms.CharField(label=_("成员手机号"), max_length=11)
    role = forms.ChoiceField(
        label=_("角色"),
        choices=[(r.value, r.label) for r in (Role.ORG_MEMBER, Role.SOCIAL_WORKER, Role.ORG_ADMIN)],
    )
    title = forms.CharField(label=_("职务"), max_length=100, required=False)


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("数据文件"),
        help_text=_("CSV（UTF-8 或 GBK 编码）或 Excel .xlsx，第一行为表头。"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
        error_messages={"required": _("请选择要导入的文件。")},
    )
