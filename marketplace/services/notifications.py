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
