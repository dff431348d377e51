import logging
import re
from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse

from marketplace import clock
from marketplace.models import OneTimeCode, User


@pytest.fixture
def sent(monkeypatch):
    """Captures what the SMS sender would send."""
    outbox = []
    monkeypatch.setattr(
        "marketplace.sms.ConsoleSender.send", lambda self, phone, msg: outbox.append((phone, msg))
    )
    return outbox


def _code(outbox):
    return re.search(r"\d{6}", outbox[-1][1]).group()


def test_sign_in_with_a_code_creates_the_account(
    client, sent, db, django_capture_on_commit_callbacks
):
    url = reverse("phone_login")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"phone": "13912345678"})
    assert response.status_code == 200 and "验证码" in response.content.decode()
    response = client.post(url, {"phone": "13912345678", "code": _code(sent)})
    assert response.status_code == 302
    user = User.objects.get(phone="13912345678")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert not user.has_usable_password()


def test_existing_user_signs_in_as_themselves(
    client, sent, resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("phone_login"), {"phone": resident.phone})
    client.post(reverse("phone_login"), {"phone": resident.phone, "code": _code(sent)})
    assert client.session["_auth_user_id"] == str(resident.pk)
    assert User.objects.filter(phone=resident.phone).count() == 1


def test_wrong_code_is_refused_and_attempts_are_limited(
    client, sent, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("phone_login"), {"phone": "13912345678"})
    good = _code(sent)
    bad = "000000" if good != "000000" else "111111"
    for _ in range(5):
        response = client.post(reverse("phone_login"), {"phone": "13912345678", "code": bad})
        assert response.status_code == 400
    response = client.post(reverse("phone_login"), {"phone": "13912345678", "code": good})
    assert response.status_code == 400
    assert "验证码已失效" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_codes_expire(client, sent, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("phone_login"), {"phone": "13912345678"})
    with clock.travel(clock.now() + timedelta(minutes=6)):
        response = client.post(
            reverse("phone_login"), {"phone": "13912345678", "code": _code(sent)}
        )
    assert response.status_code == 400


def test_resend_is_rate_limited(client, sent, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("phone_login"), {"phone": "13912345678"})
        response = client.post(reverse("phone_login"), {"phone": "13912345678"})
    assert response.status_code == 429
    assert OneTimeCode.objects.count() == 1 and len(sent) == 1


def test_bad_phone_number_gets_a_chinese_error(client, db):
    response = client.post(reverse("phone_login"), {"phone": "12345"})
    assert response.status_code == 400
    assert "11位手机号码" in response.content.decode()
    assert not OneTimeCode.objects.exists()


def test_only_the_hash_is_stored(client, sent, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("phone_login"), {"phone": "13912345678"})
    assert _code(sent) not in OneTimeCode.objects.get().code_hash


class RecordingSender:
    """A stand-in for a real SMS gateway, named by settings.SMS_SENDER."""

    outbox: list = []

    def send(self, phone, message):
        RecordingSender.outbox.append((phone, message))


@override_settings(SMS_SENDER=f"{__name__}.RecordingSender")
def test_the_configured_sender_is_used(client, db, django_capture_on_commit_callbacks):
    RecordingSender.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("phone_login"), {"phone": "13912345678"})
    assert len(RecordingSender.outbox) == 1
    phone, message = RecordingSender.outbox[0]
    assert phone == "13912345678" and "验证码" in message
    response = client.post(
        reverse("phone_login"), {"phone": phone, "code": _code(RecordingSender.outbox)}
    )
    assert response.status_code == 302


@override_settings(SMS_SENDER=f"{__name__}.RecordingSender")
def test_no_code_is_sent_before_commit(client, db, django_capture_on_commit_callbacks):
    RecordingSender.outbox = []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("phone_login"), {"phone": "13912345678"})
    assert RecordingSender.outbox == [] and len(callbacks) == 1


def test_the_default_console_sender_logs_the_code(
    client, db, caplog, django_capture_on_commit_callbacks
):
    log = caplog.at_level(logging.WARNING, logger="marketplace.sms")
    with log, django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("phone_login"), {"phone": "13912345678"})
    records = [r for r in caplog.records if r.name == "marketplace.sms"]
    assert len(records) == 1
    code = re.search(r"\d{6}", records[0].getMessage().split("：", 1)[1]).group()
    assert "13912345678" in records[0].getMessage()
    response = client.post(reverse("phone_login"), {"phone": "13912345678", "code": code})
    assert response.status_code == 302
