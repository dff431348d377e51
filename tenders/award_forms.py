"""Forms for questions, clarifications, the award choice, objections and supplements."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import MONEY


class OrganisationChoice(forms.Form):
    """The organisation the user acts for (only shown when there is more than one)."""

    organisation = forms.ModelChoiceField(label=_("组织"), queryset=None, empty_label=None)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        only = list(organisations[:2])
        if len(only) == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].initial = only[0].pk


class QuestionForm(OrganisationChoice):
    text = forms.CharField(
        label=_("问题"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("答复将向所有人公开，不显示提问的组织。"),
        error_messages={"required": _("请填写问题。")},
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("答复"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请填写答复内容。")},
    )


class ClarificationForm(forms.Form):
    text = forms.CharField(
        label=_("澄清或修改内容"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("请填写澄清或修改内容。")},
    )
    affects_bids = forms.BooleanField(
        label=_("可能影响投标文件编制"),
        required=False,
        initial=True,
        help_text=_("距投标截止不足 15 日（招标）或 5 日（磋商等）时，系统自动顺延投标截止时间。"),
    )


class ProposeAwardForm(forms.Form):
    bid = forms.TypedChoiceField(
        label=_("中标候选人"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("默认为排名第一的投标人。"),
    )
    reason = forms.CharField(
        label=_("理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("确定排名第一以外的投标人时必须说明理由。"),
    )

    def __init__(self, *args, ranking, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bid"].choices = [
            (row["result"].bid_id, f"{row['result'].rank}. {row['organisation']}")
            for row in ranking
        ]
        if ranking:
            self.fields["bid"].initial = ranking[0]["result"].bid_id


class ObjectionForm(OrganisationChoice):
    text = forms.CharField(
        label=_("质疑事项与理由"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("请以书面形式写明质疑事项和理由。")},
    )
    may_change_result = forms.BooleanField(
        label=_("质疑事项可能影响中标结果"), required=False, initial=True
    )


class ObjectionAnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("答复结论"),
        choices=[("rejected", _("质疑不成立")), ("upheld", _("质疑成立"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择答复结论。")},
    )
    answer = forms.CharField(
        label=_("书面答复"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("请填写书面答复。")},
    )


class SupplementForm(forms.Form):
    amount = forms.DecimalField(
        label=_("追加金额（元）"),
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
        error_messages=MONEY,
        help_text=_("全部补充协议的追加金额合计不得超过原合同金额的 10%。"),
    )
    content = forms.CharField(
        label=_("补充内容"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("请填写补充内容。")},
    )
