"""Residents' satisfaction survey: one response per phone or account; the mean becomes the
residents' party score when community staff close the survey."""

from decimal import ROUND_HALF_UP, Decimal

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from marketplace.workflow import WorkflowError

from ..models import EvaluationParty, EvaluationState, PartyKind, SurveyResponse
from .evaluations import party_score

SALT = "evaluations.survey"


def survey_token(party) -> str:
    """A stable signed token (no timestamp): the printed QR code stays valid."""
    return signing.Signer(salt=SALT).sign(str(party.pk))


def party_for_token(token: str) -> EvaluationParty:
    try:
        pk = int(signing.Signer(salt=SALT).unsign(token))
    except (signing.BadSignature, ValueError) as exc:
        raise WorkflowError(_("调查链接无效。"), status=404) from exc
    party = EvaluationParty.objects.select_related("evaluation__delivery__project").filter(pk=pk)
    party = party.first()
    if party is None or party.kind != PartyKind.RESIDENTS:
        raise WorkflowError(_("调查链接无效。"), status=404)
    return party


def survey_is_open(party) -> bool:
    return party.evaluation.state == EvaluationState.OPEN and not hasattr(party, "score")


@transaction.atomic
def survey_respond(*, party, user=None, phone: str = "", answers: dict, comment: str = ""):
    party = EvaluationParty.objects.select_for_update().get(pk=party.pk)
    if not survey_is_open(party):
        raise WorkflowError(_("本次满意度调查已结束。"))
    account = user if user is not None and user.is_authenticated else None
    phone = (phone or (account.phone if account else "") or "").strip() or None
    if account is None and phone is None:
        raise WorkflowError(_("请填写手机号或登录后作答。"), status=400)
    taken = SurveyResponse.objects.filter(party=party)
    if (phone and taken.filter(phone=phone).exists()) or (
        account and taken.filter(user=account).exists()
    ):
        raise WorkflowError(_("该手机号或账号已参与过本次调查，每人只能作答一次。"))
    try:
        with transaction.atomic():
            return SurveyResponse.objects.create(
                party=party, user=account, phone=phone, comment=comment.strip(), **answers
            )
    except IntegrityError as exc:
        raise WorkflowError(_("该手机号或账号已参与过本次调查，每人只能作答一次。")) from exc


def survey_mean(party) -> tuple[Decimal, int]:
    responses = list(SurveyResponse.objects.filter(party=party))
    if not responses:
        return Decimal("0"), 0
    mean = (
        sum(Decimal(r.q_needs + r.q_attitude + r.q_overall) for r in responses)
        * 100
        / (15 * len(responses))
    )
    return mean.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), len(responses)


@transaction.atomic
def survey_close(*, party, user):
    """Community staff close the survey: its mean becomes the residents' party score."""
    mean, count = survey_mean(party)
    if count == 0:
        raise WorkflowError(_("尚无居民作答，不能汇总。"))
    return party_score(
        party=party,
        user=user,
        score=mean,
        comment=_("居民满意度调查：有效答卷 %(n)s 份，平均 %(m)s 分。") % {"n": count, "m": mean},
    )
