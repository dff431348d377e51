"""The development sign-in link behind `scripts/screenshot --as`: DEBUG, loopback, signed,
two minutes; everything else is a 404 and signs nobody in."""

import time
from unittest import mock

import pytest
from django.core import signing
from django.core.management import CommandError, call_command
from django.test import override_settings

from marketplace.devlogin import make_link
from marketplace.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return User.objects.create_user("staff_x", password="x-pass-12345")


def _signed_in(client):
    return "_auth_user_id" in client.session


@override_settings(DEBUG=True)
def test_link_signs_in_and_opens_the_page(client, staff):
    response = client.get(make_link(staff, "/my/?tab=1"))
    assert response.status_code == 302
    assert response["Location"] == "/my/?tab=1"
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_link_is_refused_when_debug_is_off(client, staff):
    with override_settings(DEBUG=True):
        link = make_link(staff, "/my/")
    assert client.get(link).status_code == 404
    assert not _signed_in(client)


@override_settings(DEBUG=True)
def test_link_is_refused_from_another_machine(client, staff):
    response = client.get(make_link(staff, "/my/"), REMOTE_ADDR="10.0.0.8")
    assert response.status_code == 404
    assert not _signed_in(client)


@override_settings(DEBUG=True)
def test_tampered_expired_or_inactive_links_are_refused(client, staff):
    link = make_link(staff, "/my/")
    assert client.get(link[:-3] + "abc/").status_code == 404
    forged = signing.dumps({"u": staff.pk, "n": "/my/"}, salt="another-salt")
    assert client.get(f"/accounts/dev-login/{forged}/").status_code == 404
    with mock.patch("django.core.signing.time.time", return_value=time.time() + 121):
        assert client.get(link).status_code == 404
    staff.is_active = False
    staff.save()
    assert client.get(link).status_code == 404
    assert not _signed_in(client)


def test_only_paths_on_this_site(staff):
    for bad in ("https://example.com/", "//example.com/", "my/"):
        with pytest.raises(ValueError):
            make_link(staff, bad)


def test_command_prints_a_link_only_in_debug(staff, capsys):
    with override_settings(DEBUG=True):
        call_command("screenshot_link", "staff_x", "/my/")
    assert capsys.readouterr().out.startswith("/accounts/dev-login/")
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("screenshot_link", "staff_x", "/my/")
    with override_settings(DEBUG=True), pytest.raises(CommandError, match="nobody"):
        call_command("screenshot_link", "nobody", "/my/")
