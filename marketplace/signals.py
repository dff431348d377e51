"""Every transition of every workflow model leaves a TransitionRecord (who, when, from, to, why)."""

from django.contrib.contenttypes.models import ContentType
from django.dispatch import receiver
from django_fsm.signals import post_transition

from .models import TransitionRecord


@receiver(post_transition, dispatch_uid="record_transition")
def record_transition(sender, instance, name, source, target, method_kwargs=None, **kwargs):
    method_kwargs = method_kwargs or {}
    TransitionRecord.objects.create(
        content_type=ContentType.objects.get_for_model(sender),
        object_id=instance.pk,
        transition=name,
        source=str(source),
        target=str(target),
        by=method_kwargs.get("by"),
        reason=method_kwargs.get("reason") or "",
    )
