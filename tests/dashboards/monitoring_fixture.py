"""A small hand-counted tree for the monitoring figures.

云南省 › 大理州 › 县A (urban a1, rural a2) and 县B (urban b1, rural b2), 500 households each.
Organisations serving: a1 5 registered (meets ≥5); a2 2 registered + 1 by contract, and one
registered org also contracted there (3 distinct, meets ≥3); b1 3 registered + 1 contract
(4 < 5) and a draft contract that does not count; b2 none → 2 of 4 communities = 50%.
Qualified social worker: only a2 → 25%. Needs (all in 县A): see `needs()`.
"""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType

from evaluations.models import (
    DeliveryLog,
    Evaluation,
    EvaluationParty,
    PaymentItem,
    SurveyResponse,
    Volunteer,
    VolunteerService,
)
from evaluations.services import delivery as delivery_services
from marketplace.models import PlaceLevel, Project, Role, TransitionRecord
from needs.models import Need
from tests.evaluations.factories import contract_for, delivery_for
from tests.marketplace.factories import (
    OrganisationFactory,
    UserFactory,
    force_state,
    grant,
    place,
)
from tests.needs.factories import NeedFactory

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def tree():
    province = place("530000000000", "云南省", PlaceLevel.PROVINCE)
    dali = place("532900000000", "大理白族自治州", PlaceLevel.PREFECTURE, province)
    county_a = place("532901000000", "县A", PlaceLevel.COUNTY, dali)
    county_b = place("532922000000", "县B", PlaceLevel.COUNTY, dali)
    town_a = place("532901001000", "镇A", PlaceLevel.TOWNSHIP, county_a)
    town_b = place("532922101000", "镇B", PlaceLevel.TOWNSHIP, county_b)
    out = {
        "province": province,
        "dali": dali,
        "county_a": county_a,
        "county_b": county_b,
        "a1": place("532901001001", "社区A1", PlaceLevel.COMMUNITY, town_a, "urban"),
        "a2": place("532901001201", "村A2", PlaceLevel.COMMUNITY, town_a, "rural"),
        "b1": place("532922101001", "社区B1", PlaceLevel.COMMUNITY, town_b, "urban"),
        "b2": place("532922101201", "村B2", PlaceLevel.COMMUNITY, town_b, "rural"),
    }
    for key in ("a1", "a2", "b1", "b2"):
        out[key].households = 500
        out[key].save()
    return out


def _contract(org, purchaser, community, county, amount, funding):
    contract = contract_for(
        organisation=org,
        purchaser=purchaser,
        amount=Decimal(amount),
        community=community,
        purchaser_place=county,
    )
    Project.objects.filter(pk=contract.project_id).update(funding_source=funding)
    return contract


def organisations(t):
    purchaser = grant(UserFactory(), Role.PURCHASER, place=t["dali"])
    for i in range(5):
        OrganisationFactory(place=t["a1"], name=f"A1组织{i}")
    x = OrganisationFactory(place=t["a2"], name="A2组织X")
    OrganisationFactory(place=t["a2"], name="A2组织Y")
    z = OrganisationFactory(place=t["county_a"], name="县级组织Z")
    _contract(z, purchaser, t["a2"], t["county_a"], "100000", "fiscal")
    admin_x = grant(UserFactory(), Role.ORG_ADMIN, organisation=x)
    qualified = delivery_for(
        organisation=x,
        purchaser=purchaser,
        org_admin=admin_x,
        start=True,
        amount=Decimal("50000"),
        community=t["a2"],
        purchaser_place=t["county_a"],
    )
    Project.objects.filter(pk=qualified.project_id).update(funding_source="charity")
    for i in range(3):
        OrganisationFactory(place=t["b1"], name=f"B1组织{i}")
    w = OrganisationFactory(place=t["county_b"], name="县级组织W")
    c3 = _contract(w, purchaser, t["b1"], t["county_b"], "80000", "fiscal")
    v = OrganisationFactory(place=t["county_b"], name="县级组织V")
    force_state(_contract(v, purchaser, t["b1"], t["county_b"], "70000", "fiscal"), "draft")
    # b1: a delivery with a volunteer only (no qualified worker), active this year.
    admin_w = grant(UserFactory(), Role.ORG_ADMIN, organisation=w)
    volunteer_delivery = delivery_services.delivery_setup(contract=c3, user=admin_w)
    helper = UserFactory()
    delivery_services.team_member_add(
        delivery=volunteer_delivery, user=admin_w, member=helper, role="志愿者", is_volunteer=True
    )
    log = DeliveryLog.objects.create(
        delivery=volunteer_delivery,
        author=admin_w,
        indicator=c3.project.indicators.first(),
        activity="入户探访",
        date=NOW.date() - timedelta(days=30),
        place="社区B1",
    )
    # The volunteer register: one volunteer serving b1, with 2 hours on that activity.
    registered = Volunteer.objects.create(
        name="志愿者甲",
        phone="13800000009",
        id_number="11010519491231002X",
        number="V-TEST-1",
        organisation=w,
        registered_by=admin_w,
        user=helper,
    )
    registered.communities.add(t["b1"])
    started = NOW - timedelta(days=30)
    VolunteerService.objects.create(
        volunteer=registered,
        log=log,
        organisation=w,
        started_at=started,
        ended_at=started + timedelta(hours=2),
        hours=Decimal("2"),
        recorded_by=admin_w,
    )
    # Payments: the first instalment of the a2 delivery (30% of 50,000) released.
    first = PaymentItem.objects.filter(contract=qualified.contract).order_by("pk").first()
    force_state(first, "released")
    # Evaluations of the a2 delivery: 92 (优秀) and 70 (合格); survey answers 100 and 60.
    for total, grade in ((Decimal("92"), "excellent"), (Decimal("70"), "pass")):
        ev = Evaluation.objects.create(
            delivery=qualified, kind="final", opened_by=purchaser, total=total, grade=grade
        )
        force_state(ev, "closed_pass" if total >= 60 else "closed_fail")
    party = EvaluationParty.objects.create(evaluation=ev, kind="residents", weight=30)
    SurveyResponse.objects.create(
        party=party, phone="13900000001", q_needs=5, q_attitude=5, q_overall=5
    )
    SurveyResponse.objects.create(
        party=party, phone="13900000002", q_needs=3, q_attitude=3, q_overall=3
    )
    return purchaser, qualified


def _record(need, transition, source, target, days_after):
    TransitionRecord.objects.create(
        content_type=ContentType.objects.get_for_model(Need),
        object_id=need.pk,
        transition=transition,
        source=source,
        target=target,
        at=need.created_at + timedelta(days=days_after),
    )


def _need(community, days_ago, state):
    need = NeedFactory(community=community, created_at=NOW - timedelta(days=days_ago))
    return force_state(need, state)


def needs(t, project):
    """a1: answered in 10 d; answered in 40 d; 5 days old, unanswered; withdrawn unanswered.
    a2: published in 3 d, adopted at 20 d; rejected at 29 d; published in 1 d, adopted at
    41 d and fulfilled. → answered 4 of 5 due (80%), adopted 2 of 6, fulfilled 1 of 6,
    median days to project (20, 41) = 30.5."""
    n1 = _need(t["a1"], 60, "published")
    _record(n1, "publish", "submitted", "published", 10)
    n2 = _need(t["a1"], 60, "published")
    _record(n2, "publish", "submitted", "published", 40)
    _need(t["a1"], 5, "submitted")
    n4 = _need(t["a1"], 50, "withdrawn")
    _record(n4, "withdraw", "submitted", "withdrawn", 2)
    n5 = _need(t["a2"], 100, "adopted")
    _record(n5, "publish", "submitted", "published", 3)
    _record(n5, "adopt", "published", "adopted", 20)
    n6 = _need(t["a2"], 90, "rejected")
    _record(n6, "reject", "submitted", "rejected", 29)
    n7 = _need(t["a2"], 80, "fulfilled")
    _record(n7, "publish", "submitted", "published", 1)
    _record(n7, "adopt", "published", "adopted", 41)
    _record(n7, "fulfil", "adopted", "fulfilled", 60)
    Need.objects.filter(pk__in=[n5.pk, n7.pk]).update(project=project)


def build():
    t = tree()
    _purchaser, qualified = organisations(t)
    needs(t, qualified.project)
    return t
