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


__all__ = ["make_tender", "publish", "site_setup", "step"]
