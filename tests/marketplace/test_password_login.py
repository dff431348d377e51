"""Password sign-in (by user name or phone) and setting / changing one's password."""

import pytest
from django.urls import reverse

from marketplace.models import User

PASSWORD = "pw-12345678"  # tests.marketplace.factories.UserFactory


def test_good_password_signs_in_and_goes_to_my_work(client, resident):
    response = client.post(reverse("login"), {"username": resident.username, "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("my_work")
    assert client.session["_auth_user_id"] == str(resident.pk)


def test_phone_number_and_password_sign_in_and_honour_next(client, resident):
    target = reverse("needs:mine")
    response = client.post(
        reverse("login"), {"username": resident.phone, "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302 and response.url == target
    assert client.session["_auth_user_id"] == str(resident.pk)


def test_next_to_another_site_is_ignored(client, resident):
    response = client.post(
        reverse("login"),
        {"username": resident.phone, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.status_code == 302 and response.url == reverse("my_work")


@pytest.mark.parametrize("field", ["username", "phone"])
def test_bad_password_stays_on_the_form_with_a_chinese_error(client, resident, field):
    response = client.post(
        reverse("login"), {"username": getattr(resident, field), "password": "wrong-password"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "用户名或密码不正确" in body and "手机号或用户名" in body
    assert "_auth_user_id" not in client.session


def test_unknown_phone_is_refused_like_a_bad_password(client, db):
    response = client.post(reverse("login"), {"username": "13700000000", "password": PASSWORD})
    assert response.status_code == 200 and "用户名或密码不正确" in response.content.decode()


def test_account_page_links_to_set_or_change_password(client, resident):
    client.force_login(resident)
    page = client.get(reverse("my_work")).content.decode()
    assert reverse("password_set") in page and "修改密码" in page
    resident.set_unusable_password()
    resident.save()
    client.force_login(resident)
    assert "设置密码" in client.get(reverse("my_work")).content.decode()


@pytest.fixture
def phone_user(db):
    """An account as phone-code sign-in makes it: no usable password."""
    user = User.objects.create(username="m13912345678", phone="13912345678")
    user.set_unusable_password()
    user.save()
    return user


def test_phone_account_sets_a_password_without_an_old_one_then_signs_in_with_it(client, phone_user):
    client.force_login(phone_user)
    page = client.get(reverse("password_set"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "设置密码" in body and "old_password" not in body
    response = client.post(
        reverse("password_set"),
        {"new_password1": "Cuihu-2026-laoren", "new_password2": "Cuihu-2026-laoren"},
    )
    assert response.status_code == 302 and response.url == reverse("my_work")
    assert client.session["_auth_user_id"] == str(phone_user.pk)  # still signed in
    phone_user.refresh_from_db()
    assert phone_user.check_password("Cuihu-2026-laoren")
    client.logout()
    response = client.post(
        reverse("login"), {"username": "13912345678", "password": "Cuihu-2026-laoren"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(phone_user.pk)


def test_user_with_a_password_must_give_the_old_one(client, resident):
    client.force_login(resident)
    assert "old_password" in client.get(reverse("password_set")).content.decode()
    data = {"new_password1": "Cuihu-2026-laoren", "new_password2": "Cuihu-2026-laoren"}
    response = client.post(reverse("password_set"), {**data, "old_password": "not-it"})
    assert response.status_code == 400
    assert "旧密码不正确" in response.content.decode()
    resident.refresh_from_db()
    assert resident.check_password(PASSWORD)
    response = client.post(reverse("password_set"), {**data, "old_password": PASSWORD})
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.check_password("Cuihu-2026-laoren")
    assert client.session["_auth_user_id"] == str(resident.pk)


@pytest.mark.parametrize(
    "first, second, message",
    [
        ("Cuihu-2026-laoren", "Cuihu-2026-laoren2", "两个密码不一致"),
        ("abc12", "abc12", "密码太短，至少需要 8 个字符"),
        ("password123", "password123", "密码太常见"),
    ],
)
def test_weak_or_mismatched_password_is_refused_in_chinese(
    client, phone_user, first, second, message
):
    client.force_login(phone_user)
    response = client.post(
        reverse("password_set"), {"new_password1": first, "new_password2": second}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    phone_user.refresh_from_db()
    assert not phone_user.has_usable_password()


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_sign_in(client, db, method):
    response = getattr(client, method)(reverse("password_set"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login")) and "next=" in response.url
