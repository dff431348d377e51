from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace import clock
from marketplace.validators import validate_mobile

# The residents' satisfaction questions (each answered 1 非常不满意 … 5 非常满意).
QUESTIONS = [
    ("q_needs", _("服务内容满足了我的需要")),
    ("q_attitude", _("社工和志愿者的服务态度")),
    ("q_overall", _("我对这个项目总体满意")),
]
ANSWER = [MinValueValidator(1), MaxValueValidator(5)]


class SurveyResponse(models.Model):
    """居民满意度调查答卷: one per phone number or account for a residents' party."""

    party = models.ForeignKey(
        "evaluations.EvaluationParty", models.CASCADE, related_name="survey_responses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Kept only to refuse a second response; never shown (masked where listed).
    phone = models.CharField(
        _("手机号"), max_length=11, null=True, blank=True, validators=[validate_mobile]
    )
    q_needs = models.PositiveSmallIntegerField(QUESTIONS[0][1], validators=ANSWER)
    q_attitude = models.PositiveSmallIntegerField(QUESTIONS[1][1], validators=ANSWER)
    q_overall = models.PositiveSmallIntegerField(QUESTIONS[2][1], validators=ANSWER)
    comment = models.TextField(_("意见和建议"), blank=True)
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("满意度调查答卷")
        verbose_name_plural = _("满意度调查答卷")
        constraints = [
            models.UniqueConstraint(
                fields=["party", "phone"], condition=Q(phone__isnull=False), name="one_per_phone"
            ),
            models.UniqueConstraint(
                fields=["party", "user"], condition=Q(user__isnull=False), name="one_per_account"
            ),
            models.CheckConstraint(
                condition=Q(phone__isnull=False) | Q(user__isnull=False), name="phone_or_account"
            ),
        ]

    @property
    def score(self):
        """This response on the 0–100 scale."""
        return (self.q_needs + self.q_attitude + self.q_overall) * 100 / 15
