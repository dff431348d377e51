"""Workflow steps that require a public notice schedule it after their transaction commits.

cms listens; tenders never imports cms (dependencies point one way).
"""

from functools import partial

from django.db import transaction
from django.dispatch import receiver
from django_fsm.signals import post_transition

from .models import NoticeKind
from .rounds import current_round, is_round_kind
from .services.notices import TENDER_NOTICES


def schedule_notice(kind: str, obj) -> None:
    from .tasks import publish_notice

    args = [str(kind), obj._meta.app_label, obj._meta.model_name, obj.pk]
    if is_round_kind(kind, obj):
        # The round is fixed now, with the step: a task that runs late (after the award was
        # reopened and proposed again) still makes the notice of its own round.
        args.append(current_round(obj))
    transaction.on_commit(partial(publish_notice.delay, *args))


@receiver(post_transition, dispatch_uid="cms_notice_for_step")
def notice_for_step(sender, instance, name, source, target, **kwargs):
    label = sender._meta.label
    if label == "tenders.Tender":
        kind = TENDER_NOTICES.get(str(target))
    elif label == "tenders.Contract":
        kind = NoticeKind.CONTRACT if str(target) == "signed" else None
    elif label == "evaluations.Evaluation":
        closed = str(target) in ("closed_pass", "closed_fail")
        kind = NoticeKind.EVALUATION if closed else None
    elif label == "tenders.Clarification":
        kind = NoticeKind.CLARIFICATION if str(target) == "published" else None
    else:
        kind = None
    if kind is not None:
        schedule_notice(kind, instance)
