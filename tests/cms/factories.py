"""Tender rows for CMS tests, made directly (the tenders' services are built elsewhere)."""

from datetime import timedelta
from decimal import Decimal

from django_fsm.signals import post_transition

from cms.seeders import site_setup
from marketplace import clock
from marketplace.models.project import ProjectState
from tenders.models import Criterion, Tender, TenderState
from tests.marketplace.factories import ProjectFactory, UserFactory, force_state


def make_tender(*, state=TenderState.DRAFT, ceiling="120000.00", title=None, **fields):
    project = ProjectFactory(**({"title": title} if title else {}))
    force_state(project, ProjectState.TENDERING, approved_budget=Decimal(ceiling))
    tender = Tender.objects.create(
        project=project,
        title=title or f"{project.title}采购",
        ceiling_price=Decimal(ceiling),
        deadline=fields.pop("deadline", clock.now() + timedelta(days=20)),
        created_by=fields.pop("created_by", None) or UserFactory(),
        **fields,
    )
    Criterion.objects.create(tender=tender, name="服务方案", weight=Decimal("50"))
    Criterion.objects.create(tender=tender, name="团队资质", weight=Decimal("30"))
    if state != TenderState.DRAFT:
        force_state(tender, state)
    return tender


def step(obj, name, source, target):
    """Fire the signal the tenders' transitions fire (their services may not be merged yet)."""
    post_transition.send(
        sender=type(obj),
        instance=obj,
        name=name,
        source=source,
        target=target,
        method_kwargs={"by": None},
    )


def publish(tender):
    """Put a draft tender into published and fire the step, as the tenders' service would."""
    force_state(tender, TenderState.PUBLISHED, published_at=clock.now())
    step(tender, "publish", TenderState.DRAFT, TenderState.PUBLISHED)
    return tender


def delivered(*, organisation, purchaser, org_admin, social_worker, logs=1, **project):
    """A delivery in progress with `logs` delivery logs recorded through the service."""
    from tests.evaluations.factories import delivery_for

    delivery = delivery_for(
        organisation=organisation,
        purchaser=purchaser,
        org_admin=org_admin,
        social_worker=social_worker,
        start=True,
        **project,
    )
    for i in range(logs):
        record_log(delivery, social_worker, hours="2.5", beneficiaries=10 + i)
    return delivery


def record_log(delivery, worker, *, hours, beneficiaries):
    from evaluations.services.logs import log_record

    return log_record(
        delivery=delivery,
        user=worker,
        indicator=delivery.project.indicators.first(),
        count=Decimal("1"),
        activity="长者健康讲座",
        date=clock.today() - timedelta(days=1),
        place="社区活动室",
        participants=beneficiaries,
        beneficiaries=beneficiaries,
        service_hours=Decimal(hours),
        volunteer_hours=Decimal("1"),
    )


def completed(delivery):
    """Mark the project completed (the delivery stays loggable, to watch figures change)."""
    force_state(delivery.project, ProjectState.COMPLETED)
    delivery.project.refresh_from_db()
    return delivery.project


__all__ = ["completed", "delivered", "make_tender", "publish", "record_log", "site_setup", "step"]
