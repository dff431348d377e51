"""The admin never offers a deletion whose confirmation page would list sealed bids."""

from django.urls import reverse


def test_superuser_cannot_delete_organisations_or_users(client, superuser, organisation, org_admin):
    client.force_login(superuser)
    org_delete = reverse("admin:marketplace_organisation_delete", args=[organisation.pk])
    user_delete = reverse("admin:marketplace_user_delete", args=[org_admin.pk])
    assert client.get(org_delete).status_code == 403
    assert client.get(user_delete).status_code == 403
    assert client.get(reverse("admin:marketplace_organisation_changelist")).status_code == 200
