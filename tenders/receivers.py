"""The moment the panel finished (评标结束): when the last score of the seated panel is in.

Scores are written by the panel's service; listening here keeps the award timing apart from
it. Each save that leaves the scoring complete moves the moment (a corrected score counts).
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from marketplace import clock

from .models import Score, Tender, TenderState
from .models.tender import all_scored


@receiver(post_save, sender=Score, dispatch_uid="tenders_scored_at")
def note_scoring_complete(sender, instance, **kwargs):
    tender = Tender.objects.get(pk=instance.member.tender_id)
    if tender.state == TenderState.EVALUATING and all_scored(tender):
        Tender.objects.filter(pk=tender.pk).update(scored_at=clock.now())
