import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from evaluations import rules
from evaluations.models import Volunteer
from evaluations.validators import validate_id_number
from marketplace.models import Role
from tests.marketplace.factories import UserFactory, grant

from .factories import id_number, make_volunteer


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("11010519491231002X", None),  # the GB 11643 example
        ("11010519491231002x", None),
        ("110105194912310021", "校验位"),
        ("1101051949123100", "18位"),
        ("11010519491331002X", "出生日期"),
        ("ABCDEFGHIJKLMNOPQR", "18位"),
    ],
)
def test_id_number_check_character(number, message):
    if message is None:
        validate_id_number(number)
    else:
        with pytest.raises(ValidationError, match=message):
            validate_id_number(number)


def test_org_member_registers_with_a_generated_number(organisation, social_worker, places):
    volunteer = make_volunteer(organisation=organisation, user=social_worker)
    assert volunteer.number == f"ZY{volunteer.registered_at:%Y}{volunteer.pk:08d}"
    assert volunteer.masked_phone == "137****0001"
    assert volunteer.masked_id_number == f"530{'*' * 11}{volunteer.id_number[-4:]}"
    assert list(volunteer.communities.all()) == [places["community_a"]]


def test_the_account_with_the_same_phone_is_linked(organisation, org_admin, resident):
    volunteer = make_volunteer(organisation=organisation, user=org_admin, phone=resident.phone)
    assert volunteer.user == resident


def test_bad_data_refused_with_chinese_messages_by_field(organisation, org_admin, places):
    from evaluations.services.volunteers import volunteer_register

    with pytest.raises(ValidationError) as caught:
        volunteer_register(
            user=org_admin,
            organisation=organisation,
            name=" ",
            phone="12345",
            id_number="110105194912310021",
            communities=[places["huashan"]],
        )
    errors = caught.value.message_dict
    assert set(errors) == {"name", "phone", "id_number", "communities"}
    assert "校验位" in errors["id_number"][0] and "社区" in errors["communities"][0]
    assert not Volunteer.objects.exists()


def test_an_id_number_registers_once(organisation, organisation2, org_admin, places):
    make_volunteer(organisation=organisation, user=org_admin, n=5)
    other_admin = grant(UserFactory(), Role.ORG_ADMIN, organisation=organisation2)
    with pytest.raises(ValidationError, match="不能重复登记"):
        make_volunteer(organisation=organisation2, user=other_admin, n=5, phone="13600000000")
    assert Volunteer.objects.count() == 1


@pytest.mark.parametrize("who", ["outsider", "staff", "resident"])
def test_only_the_organisations_people_register(organisation, who, request):
    with pytest.raises(PermissionDenied):
        make_volunteer(organisation=organisation, user=request.getfixturevalue(who))
    assert not Volunteer.objects.exists()


def test_who_sees_the_full_identity(organisation, org_admin, social_worker, resident, outsider):
    volunteer = make_volunteer(organisation=organisation, user=social_worker, phone=resident.phone)
    assert rules.sees_volunteer_identity(volunteer, resident)  # the volunteer
    assert rules.sees_volunteer_identity(volunteer, org_admin)  # registering org's admin
    assert not rules.sees_volunteer_identity(volunteer, social_worker)  # a member: masked
    assert not rules.sees_volunteer_identity(volunteer, outsider)


def test_pages_mask_for_members_and_show_admins(client, organisation, org_admin, social_worker):
    volunteer = make_volunteer(organisation=organisation, user=org_admin, n=7)
    url = reverse("evaluations:volunteer", args=[volunteer.pk])
    client.force_login(social_worker)
    page = client.get(url).content.decode()
    assert volunteer.masked_id_number in page and volunteer.id_number not in page
    assert volunteer.phone not in page
    listing = client.get(reverse("evaluations:volunteers")).content.decode()
    assert volunteer.name in listing and volunteer.phone not in listing
    assert volunteer.masked_phone in listing
    client.force_login(org_admin)
    page = client.get(url).content.decode()
    assert volunteer.id_number in page and volunteer.phone in page


def test_outsiders_cannot_see_a_volunteer(client, organisation, org_admin, outsider):
    volunteer = make_volunteer(organisation=organisation, user=org_admin)
    client.force_login(outsider)
    assert client.get(reverse("evaluations:volunteer", args=[volunteer.pk])).status_code == 403
    assert volunteer.name not in client.get(reverse("evaluations:volunteers")).content.decode()
    client.logout()
    assert client.get(reverse("evaluations:volunteer", args=[volunteer.pk])).status_code == 302


def test_registration_form_over_http(client, organisation, social_worker, outsider, places):
    url = reverse("evaluations:volunteer_new", args=[organisation.pk])
    data = {
        "name": "钱多多",
        "phone": "13712345678",
        "id_number": id_number(9),
        "skills": "书法",
        "communities": [places["community_a"].pk],
    }
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    client.force_login(social_worker)
    page = client.get(url).content.decode()
    assert "翠湖西路社区居民委员会" in page and "西街口村委会" not in page  # the org's area only
    wrong = "1" if data["id_number"][-1] != "1" else "2"
    bad = client.post(url, {**data, "id_number": data["id_number"][:-1] + wrong})
    assert bad.status_code == 400 and "校验位" in bad.content.decode()
    assert "钱多多" in bad.content.decode()  # what was typed is kept
    response = client.post(url, data)
    assert response.status_code == 302
    volunteer = Volunteer.objects.get()
    assert response.url == reverse("evaluations:volunteer", args=[volunteer.pk])
    again = client.post(url, data)
    assert again.status_code == 400 and "不能重复登记" in again.content.decode()


def test_volunteer_list_constant_queries(
    client, organisation, org_admin, django_assert_max_num_queries
):
    client.force_login(org_admin)
    for n in (range(1, 4), range(4, 40)):
        for i in n:
            make_volunteer(organisation=organisation, user=org_admin, n=i, phone=f"135{i:08d}")
        with django_assert_max_num_queries(12):
            assert client.get(reverse("evaluations:volunteers")).status_code == 200
