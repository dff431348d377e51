"""Pluggable SMS senders. settings.SMS_SENDER names the class; the default logs the code."""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger("marketplace.sms")


class ConsoleSender:
    """Development sender: writes the message to the log (and so the console)."""

    def send(self, phone: str, message: str) -> None:
        log.warning("短信 → %s：%s", phone, message)


def get_sender():
    return import_string(settings.SMS_SENDER)()
