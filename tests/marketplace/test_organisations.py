from django.urls import reverse

from marketplace.models import Role, RoleAssignment
from tests.marketplace.factories import OrganisationFactory, UserFactory


def test_directory_is_public_with_constant_queries(client, places, django_assert_max_num_queries):
    OrganisationFactory.create_batch(3)
    with django_assert_max_num_queries(4):
        small = client.get(reverse("organisation_list"))
    OrganisationFactory.create_batch(30)
    with django_assert_max_num_queries(4):
        large = client.get(reverse("organisation_list"))
    assert small.status_code == large.status_code == 200


def test_admin_edits_profile_and_outsider_cannot(client, organisation, org_admin, outsider):
    url = reverse("organisation_edit", args=[organisation.pk])
    client.force_login(outsider)
    assert client.post(url, {"description": "篡改"}).status_code == 403
    client.force_login(org_admin)
    assert client.post(url, {"description": "专注长者服务"}).status_code == 302
    organisation.refresh_from_db()
    assert organisation.description == "专注长者服务"


def test_admin_adds_a_member_by_phone(client, organisation, org_admin):
    worker = UserFactory(phone="13700000001")
    client.force_login(org_admin)
    url = reverse("organisation_member_create", args=[organisation.pk])
    response = client.post(url, {"phone": "13700000001", "role": Role.SOCIAL_WORKER})
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(user=worker, organisation=organisation).exists()
    again = client.post(url, {"phone": "13700000001", "role": Role.SOCIAL_WORKER})
    assert again.status_code == 400 and "已是本组织" in again.content.decode()


def test_member_cannot_add_members(client, organisation, social_worker):
    UserFactory(phone="13700000002")
    client.force_login(social_worker)
    url = reverse("organisation_member_create", args=[organisation.pk])
    assert client.post(url, {"phone": "13700000002", "role": Role.ORG_ADMIN}).status_code == 403


def test_members_list_only_for_members(client, organisation, org_admin, outsider):
    url = reverse("organisation_detail", args=[organisation.pk])
    client.force_login(outsider)
    assert org_admin.display_name not in client.get(url).content.decode()
    client.force_login(org_admin)
    assert org_admin.display_name in client.get(url).content.decode()
