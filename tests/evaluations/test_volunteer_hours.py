from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from evaluations import selectors
from evaluations.models import DeliveryLog, VolunteerService
from evaluations.services.logs import log_correct
from evaluations.services.volunteer_hours import volunteer_service_record
from marketplace import clock
from marketplace.workflow import WorkflowError

from .factories import make_volunteer
from .test_logs import record


def at(day, hh, mm=0):
    return timezone.make_aware(datetime.combine(day, time(hh, mm)))


@pytest.fixture
def volunteer(organisation, org_admin):
    return make_volunteer(organisation=organisation, user=org_admin)


@pytest.fixture
def log(delivery, social_worker):
    return record(delivery, social_worker)


def add(log, user, volunteer, start, end):
    return volunteer_service_record(
        log=log, user=user, volunteer=volunteer, started_at=start, ended_at=end
    )


def test_hours_are_computed_and_summed_on_the_log(log, social_worker, org_admin, volunteer):
    other = make_volunteer(organisation=log.delivery.contract.organisation, user=org_admin, n=2)
    service = add(log, social_worker, volunteer, at(log.date, 9), at(log.date, 11, 30))
    assert (
        service.hours == Decimal("2.50")
        and service.organisation == log.delivery.contract.organisation
    )
    add(log, social_worker, other, at(log.date, 9), at(log.date, 10))
    log.refresh_from_db()
    assert log.volunteer_hours == Decimal("3.5")
    assert selectors.log_totals(log.delivery)["volunteer_hours"] == Decimal("3.5")


def test_overlapping_times_refused_naming_the_clash(log, social_worker, volunteer):
    add(log, social_worker, volunteer, at(log.date, 9), at(log.date, 11))
    with pytest.raises(ValidationError, match="赵志愿.*09:00.*11:00.*长者健康讲座.*重叠"):
        add(log, social_worker, volunteer, at(log.date, 10, 30), at(log.date, 12))
    add(log, social_worker, volunteer, at(log.date, 11), at(log.date, 12))  # touching is fine
    assert VolunteerService.objects.count() == 2
    log.refresh_from_db()
    assert log.volunteer_hours == Decimal("3.0")


def test_overlap_counts_across_projects_and_organisations(
    log, social_worker, volunteer, organisation2, purchaser, places
):
    from marketplace.models import Role
    from tests.marketplace.factories import UserFactory, grant

    from .factories import delivery_for

    admin2 = grant(UserFactory(), Role.ORG_ADMIN, organisation=organisation2)
    worker2 = grant(UserFactory(), Role.SOCIAL_WORKER, organisation=organisation2)
    other = delivery_for(
        organisation=organisation2,
        purchaser=purchaser,
        org_admin=admin2,
        social_worker=worker2,
        start=True,
    )
    other_log = record(other, worker2)
    add(log, social_worker, volunteer, at(log.date, 14), at(log.date, 16))
    with pytest.raises(ValidationError, match="重叠"):
        add(other_log, worker2, volunteer, at(log.date, 15), at(log.date, 17))


@pytest.mark.parametrize("who", ["outsider", "purchaser", "staff"])
def test_only_the_running_organisation_records(log, volunteer, who, request):
    with pytest.raises(PermissionDenied):
        add(log, request.getfixturevalue(who), volunteer, at(log.date, 9), at(log.date, 10))
    assert not VolunteerService.objects.exists()


def test_a_volunteer_never_records_their_own_hours(log, organisation, org_admin, social_worker):
    me = make_volunteer(organisation=organisation, user=org_admin, phone=social_worker.phone)
    assert me.user == social_worker
    with pytest.raises(PermissionDenied, match="本人"):
        add(log, social_worker, me, at(log.date, 9), at(log.date, 10))


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ((10, 0), (9, 0), "晚于开始"),
        ((10, 0), (10, 0), "晚于开始"),
    ],
)
def test_bad_times_refused(log, social_worker, volunteer, start, end, message):
    with pytest.raises(ValidationError, match=message):
        add(log, social_worker, volunteer, at(log.date, *start), at(log.date, *end))


def test_times_must_be_on_the_activity_day(log, social_worker, volunteer):
    day = log.date - timedelta(days=1)
    with pytest.raises(ValidationError, match="活动当天"):
        add(log, social_worker, volunteer, at(day, 9), at(day, 10))
    tomorrow = clock.today() + timedelta(days=1)
    with pytest.raises(ValidationError):
        add(log, social_worker, volunteer, at(log.date, 9), at(tomorrow, 8))


def test_correction_carries_the_hours_and_superseded_versions_refuse(log, social_worker, volunteer):
    add(log, social_worker, volunteer, at(log.date, 9), at(log.date, 12))
    new = log_correct(log=log, user=social_worker, reason="补录参与人数", participants=30)
    assert new.volunteer_hours == Decimal("3.0")
    assert list(selectors.log_volunteer_services(new)) == list(VolunteerService.objects.all())
    with pytest.raises(ValidationError, match="最新版本"):
        add(log, social_worker, volunteer, at(log.date, 13), at(log.date, 14))
    add(new, social_worker, volunteer, at(log.date, 13), at(log.date, 14))
    new.refresh_from_db()
    assert new.volunteer_hours == Decimal("4.0")


def test_log_outside_the_contract_period_refused(delivery, social_worker):
    contract = delivery.contract
    with pytest.raises(WorkflowError, match="合同服务期内"):
        record(delivery, social_worker, date=contract.start_date - timedelta(days=1))
    assert not DeliveryLog.objects.exists()
    record(delivery, social_worker, date=contract.start_date)  # the first day counts


def test_hours_form_on_the_log_page(client, log, social_worker, outsider, volunteer):
    page_url = reverse("evaluations:log", args=[log.pk])
    url = reverse("evaluations:log_volunteer_hours", args=[log.pk])
    client.force_login(social_worker)
    page = client.get(page_url).content.decode()
    assert "记录志愿者服务时长" in page and volunteer.number in page
    data = {"volunteer": volunteer.pk, "start": "09:00", "end": "11:00"}
    assert client.post(url, {**data, "end": "08:00"}).status_code == 400
    assert client.post(url, data).status_code == 302
    clash = client.post(url, {**data, "start": "10:00", "end": "10:30"})
    assert clash.status_code == 400 and "重叠" in clash.content.decode()
    client.force_login(outsider)
    assert client.post(url, {**data, "start": "12:00", "end": "13:00"}).status_code == 403
    assert VolunteerService.objects.count() == 1
