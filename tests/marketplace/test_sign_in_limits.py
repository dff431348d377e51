"""Password sign-in waits after repeated wrong passwords (per login name and per address);
a successful sign-in clears the count; old records are purged by a scheduled step."""

from datetime import timedelta

from django.urls import reverse

from marketplace import clock
from marketplace.models import FailedSignIn
from marketplace.services import signin_limits
from marketplace.signin import purge_sign_in_failures

PASSWORD = "pw-12345678"  # tests.marketplace.factories.UserFactory


def _try(client, login, password="wrong-password", ip="203.0.113.5"):
    return client.post(reverse("login"), {"username": login, "password": password}, REMOTE_ADDR=ip)


def test_five_wrong_passwords_make_the_name_wait_even_for_the_right_one(client, resident):
    for _ in range(signin_limits.LOCK_AFTER):
        assert _try(client, resident.phone).status_code == 200
    assert FailedSignIn.objects.filter(login=resident.phone).count() == 5
    locked = _try(client, resident.phone, PASSWORD)
    assert locked.status_code == 429
    assert "密码错误次数过多" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Another name from another address is not affected; the phone code still works.
    assert _try(client, "someone-else", ip="198.51.100.7").status_code == 200
    assert client.get(reverse("phone_login")).status_code == 200


def test_the_wait_ends_after_the_window(client, resident, monkeypatch):
    for _ in range(signin_limits.LOCK_AFTER):
        _try(client, resident.username)
    later = clock.now() + signin_limits.WINDOW + timedelta(seconds=1)
    monkeypatch.setattr("marketplace.clock.now", lambda: later)
    assert _try(client, resident.username, PASSWORD).status_code == 302


def test_a_successful_sign_in_clears_the_count(client, resident):
    for _ in range(signin_limits.LOCK_AFTER - 1):
        _try(client, resident.phone)
    assert _try(client, resident.phone, PASSWORD).status_code == 302
    assert not FailedSignIn.objects.filter(login=resident.phone).exists()


def test_one_address_trying_many_names_waits(client, db):
    for n in range(signin_limits.PER_IP):
        _try(client, f"name{n}", ip="192.0.2.9")
    assert _try(client, "yet-another", ip="192.0.2.9").status_code == 429
    assert _try(client, "yet-another", ip="192.0.2.10").status_code == 200


def test_old_records_are_purged(db):
    FailedSignIn.objects.create(login="old", at=clock.now() - timedelta(days=2))
    FailedSignIn.objects.create(login="new")
    assert purge_sign_in_failures() == 1
    assert purge_sign_in_failures() == 0
    assert list(FailedSignIn.objects.values_list("login", flat=True)) == ["new"]


def test_the_address_comes_from_the_configured_header(rf, settings):
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.77")
    assert signin_limits.client_ip(request) == "127.0.0.1"
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert signin_limits.client_ip(request) == "203.0.113.77"
    assert signin_limits.client_ip(rf.get("/", HTTP_X_REAL_IP="not-an-address")) is None
