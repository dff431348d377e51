"""Reminder step: community staff are told of needs waiting for review longer than
NEEDS_REVIEW_REMINDER_DAYS (default 7), once per need."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace import clock, scheduling
from marketplace.models import Role
from marketplace.reminders import PlaceHolders
from marketplace.services.notifications import notify_once

from .models import Need, NeedState


def waiting_days() -> int:
    return int(getattr(settings, "NEEDS_REVIEW_REMINDER_DAYS", 7))


@scheduling.register("needs.remind_review")
def remind_waiting_needs() -> int:
    cutoff = clock.now() - timedelta(days=waiting_days())
    waiting = Need.objects.filter(state=NeedState.SUBMITTED, created_at__lte=cutoff)
    staff = PlaceHolders(Role.COMMUNITY_STAFF)
    sent = 0
    for need in waiting.select_related("community").iterator():
        people = staff.covering(need.community)
        sent += notify_once(
            users=people,
            title=_("需求“%(t)s”已等待审核超过 %(d)s 天") % {"t": need.title, "d": waiting_days()},
            url=reverse("needs:detail", args=[need.pk]),
            key=f"remind:need_review:{need.pk}",
        )
    return sent
