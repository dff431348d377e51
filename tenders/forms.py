from datetime import timedelta
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace import clock
from marketplace.models import Organisation

from .models import ProcurementMethod

MONEY = {"required": _("请填写金额。"), "invalid": _("请输入金额。")}


class TenderForm(forms.Form):
    title = forms.CharField(label=_("采购项目名称"), max_length=200)
    method = forms.ChoiceField(label=_("采购方式"), choices=ProcurementMethod.choices)
    deadline = forms.DateTimeField(
        label=_("投标截止时间"),
        help_text=_("不得短于法定最短期限：公开/邀请招标 20 日，竞争性磋商 10 日。"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    ceiling_price = forms.DecimalField(
        label=_("最高限价（元）"),
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
        help_text=_("不得超过项目批准预算。"),
        error_messages=MONEY,
    )
    price_weight = forms.DecimalField(
        label=_("价格分权重（%）"),
        min_value=10,
        max_value=30,
        max_digits=5,
        decimal_places=2,
        help_text=_("政府购买服务项目为 10–30；其余分值分配给下面的评分项，合计 100。"),
    )
    eligibility = forms.CharField(
        label=_("资格要求"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    is_complex = forms.BooleanField(
        label=_("技术复杂或社会影响较大"),
        required=False,
        help_text=_("招标项目评标委员会须不少于 7 人（预算 1000 万元及以上亦同）。"),
    )
    design_organisation = forms.CharField(
        label=_("项目设计或管理单位的统一社会信用代码（如有）"),
        required=False,
        max_length=18,
        help_text=_("为本项目提供设计、编制或项目管理服务的社会组织不得投标。"),
    )

    def clean_design_organisation(self):
        code = self.cleaned_data["design_organisation"].strip().upper()
        if not code:
            return None
        organisation = Organisation.objects.filter(credit_code=code).first()
        if organisation is None:
            raise forms.ValidationError(_("没有这个统一社会信用代码的社会组织。"))
        return organisation

    @staticmethod
    def initial_for(project):
        deadline = clock.now() + timedelta(days=21)
        return {
            "title": project.title,
            "ceiling_price": project.approved_budget,
            "price_weight": Decimal("20"),
            "deadline": deadline.astimezone().replace(hour=9, minute=30, second=0, microsecond=0),
            "eligibility": _("依法登记的社会组织；未被列入失信名单；具备相应社会工作专业人员。"),
        }


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("评分项"), max_length=100)
    weight = forms.DecimalField(
        label=_("分值"), min_value=Decimal("0.5"), max_digits=5, decimal_places=2
    )
    guidance = forms.CharField(label=_("评分细则"), required=False, max_length=500)


CriterionFormSet = forms.formset_factory(CriterionForm, extra=0, min_num=1, validate_min=True)

DEFAULT_CRITERIA = [
    {"name": "项目理解与需求分析", "weight": 20, "guidance": "对服务对象和需求的把握"},
    {"name": "服务方案与活动设计", "weight": 30, "guidance": "方案可行、活动具体"},
    {"name": "团队与专业能力", "weight": 20, "guidance": "持证社工、督导安排"},
    {"name": "管理与风险控制", "weight": 10, "guidance": "制度、台账、应急预案"},
]


class BidForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("投标组织"), queryset=None, empty_label=None)
    price = forms.DecimalField(
        label=_("投标报价（元）"),
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
        error_messages=MONEY,
    )
    proposal = forms.CharField(label=_("技术方案"), widget=forms.Textarea(attrs={"rows": 8}))
    upload = forms.FileField(label=_("方案附件（可选）"), required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ScoreForm(forms.Form):
    """One field per valid bid × criterion, each within 0..weight."""

    def __init__(self, *args, bids, criteria, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.cells = []
        for bid in bids:
            row = []
            for c in criteria:
                name = f"s_{bid.pk}_{c.pk}"
                self.fields[name] = forms.DecimalField(
                    label=f"{bid.organisation.name} · {c.name}",
                    min_value=0,
                    max_value=c.weight,
                    max_digits=5,
                    decimal_places=2,
                    initial=existing.get((bid.pk, c.pk)),
                )
                row.append(name)
            self.cells.append((bid, [self[n] for n in row]))

    def values(self) -> dict:
        out = {}
        for name, value in self.cleaned_data.items():
            _s, bid, crit = name.split("_")
            out[(int(bid), int(crit))] = value
        return out


class ContractForm(forms.Form):
    amount = forms.DecimalField(
        label=_("合同金额（元）"),
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
        help_text=_("不得高于中标价。"),
        error_messages=MONEY,
    )
    start_date = forms.DateField(
        label=_("服务开始日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("服务结束日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    service_standard = forms.CharField(
        label=_("服务标准"), widget=forms.Textarea(attrs={"rows": 4})
    )
    stable_service = forms.BooleanField(
        label=_("稳定持续、资金有保障的服务（服务期限可长至三年）"),
        required=False,
        help_text=_("未勾选时服务期限不超过一年。"),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("start_date")
            and data.get("end_date")
            and data["end_date"] <= data["start_date"]
        ):
            self.add_error("end_date", _("服务结束日期须晚于开始日期。"))
        return data
