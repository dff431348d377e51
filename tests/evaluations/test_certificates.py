from datetime import datetime, time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from evaluations.models import VolunteerCertificate
from evaluations.services.certificates import certificate_issue
from evaluations.services.volunteer_hours import volunteer_service_record
from tests.support.pdf import pdf_text

from .factories import make_volunteer
from .test_logs import record


def at(day, hh):
    return timezone.make_aware(datetime.combine(day, time(hh)))


@pytest.fixture
def volunteer(organisation, org_admin, resident, delivery, social_worker):
    """A volunteer (linked to `resident`'s account) with 3 + 2 hours at two activities."""
    volunteer = make_volunteer(organisation=organisation, user=org_admin, phone=resident.phone)
    for activity, hours in (("长者健康讲座", 3), ("独居老人入户探访", 2)):
        log = record(delivery, social_worker, activity=activity)
        volunteer_service_record(
            log=log,
            user=social_worker,
            volunteer=volunteer,
            started_at=at(log.date, 8 + 4 * (hours == 2)),
            ended_at=at(log.date, 8 + 4 * (hours == 2) + hours),
        )
    return volunteer


def issue(volunteer, organisation, user):
    return certificate_issue(
        volunteer=volunteer, organisation=organisation, user=user, responsible_person="周明"
    )


def test_organisation_issues_a_numbered_certificate(volunteer, organisation, org_admin):
    certificate = issue(volunteer, organisation, org_admin)
    assert certificate.number == f"ZYFWZM{certificate.issued_at:%Y}{certificate.pk:06d}"
    assert len(certificate.code) == 12 and certificate.total_hours == 5
    assert certificate.services.count() == 2


@pytest.mark.parametrize("who", ["social_worker", "resident", "outsider"])
def test_only_an_admin_of_the_organisation_issues(volunteer, organisation, who, request):
    with pytest.raises(PermissionDenied):
        issue(volunteer, organisation, request.getfixturevalue(who))
    assert not VolunteerCertificate.objects.exists()


def test_no_certificate_without_hours_from_that_organisation(volunteer, organisation2):
    from marketplace.models import Role
    from tests.marketplace.factories import UserFactory, grant

    admin2 = grant(UserFactory(), Role.ORG_ADMIN, organisation=organisation2)
    with pytest.raises(ValidationError, match="没有该志愿者的服务记录"):
        issue(volunteer, organisation2, admin2)
    with pytest.raises(ValidationError, match="负责人"):
        certificate_issue(
            volunteer=volunteer, organisation=organisation2, user=admin2, responsible_person=""
        )


def test_certificate_pdf_carries_what_order_67_asks(
    client, volunteer, organisation, org_admin, resident, outsider
):
    certificate = issue(volunteer, organisation, org_admin)
    url = reverse("document", args=["volunteer_certificate", certificate.pk])
    client.force_login(outsider)
    assert client.get(url).status_code in (403, 404)
    client.force_login(resident)  # the volunteer, through the linked account
    response = client.get(url)
    assert response.status_code == 200
    text = pdf_text(b"".join(response.streaming_content))
    flat = "".join(text.split())
    for expected in (
        "志愿服务证明",
        volunteer.name,
        volunteer.masked_id_number,
        volunteer.number,
        "长者健康讲座",
        "独居老人入户探访",
        "5.00",  # the total
        organisation.name,
        "周明",
        certificate.number,
        certificate.code,
        f"/delivery/certificates/verify/{certificate.code}/",
    ):
        assert expected in flat, (expected, text)
    assert volunteer.id_number not in flat and volunteer.phone not in flat
    client.force_login(org_admin)
    assert client.get(url).status_code == 200


def test_public_verification_page(client, volunteer, organisation, org_admin):
    certificate = issue(volunteer, organisation, org_admin)
    response = client.get(reverse("evaluations:certificate_verify", args=[certificate.code]))
    page = response.content.decode()
    assert response.status_code == 200 and "真实有效" in page
    assert certificate.number in page and volunteer.name in page and organisation.name in page
    assert volunteer.masked_id_number in page
    assert volunteer.id_number not in page and volunteer.phone not in page
    lower = client.get(reverse("evaluations:certificate_verify", args=[certificate.code.lower()]))
    assert lower.status_code == 200
    missing = client.get(reverse("evaluations:certificate_verify", args=["ABCDEFGHJKLM"]))
    assert missing.status_code == 404 and "未找到" in missing.content.decode()


def test_issue_from_the_volunteer_page(client, volunteer, organisation, org_admin, social_worker):
    url = reverse("evaluations:certificate_new", args=[volunteer.pk, organisation.pk])
    page_url = reverse("evaluations:volunteer", args=[volunteer.pk])
    client.force_login(social_worker)
    assert "名义出具志愿服务证明" not in client.get(page_url).content.decode()
    assert client.post(url, {"responsible_person": "周明"}).status_code == 403
    client.force_login(org_admin)
    assert "名义出具志愿服务证明" in client.get(page_url).content.decode()
    assert client.post(url, {"responsible_person": ""}).status_code == 400
    assert client.post(url, {"responsible_person": "周明"}).status_code == 302
    certificate = VolunteerCertificate.objects.get()
    assert certificate.number in client.get(page_url).content.decode()
