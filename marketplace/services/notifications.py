"""Notifications: in-app always, e-mail where the user has an address. Sent after commit."""

from django.db import IntegrityError, transaction

from ..models import Notification


def notify(*, users, title: str, body: str = "", url: str = "", key: str = "") -> None:
    """Notify each user once per `key` (a retried step does not notify twice)."""
    recipients = [u for u in users if u is not None]

    def send():
        from ..tasks import send_notification_email

        for user in recipients:
            try:
                with transaction.atomic():
                    note = Notification.objects.create(
                        user=user, title=title, body=body, url=url, key=key
                    )
            except IntegrityError:
                continue  # already notified for this key
            if user.email:
                send_notification_email.delay(note.pk)

    transaction.on_commit(send)


def notify_once(*, users, key: str, **message) -> int:
    """Notify those not yet told under `key`; returns how many that is, so that a scheduled
    step reports the reminders it newly sent (0 on a pass that finds nothing new)."""
    users = list({u.pk: u for u in users if u is not None}.values())
    told = set(
        Notification.objects.filter(key=key, user__in=users).values_list("user_id", flat=True)
    )
    new = [u for u in users if u.pk not in told]
    if new:
        notify(users=new, key=key, **message)
    return len(new)
