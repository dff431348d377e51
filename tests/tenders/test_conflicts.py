"""回避: declarations per bidder, automatic exclusions, recusal requests; all recorded."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from marketplace import clock
from marketplace.models import Notification, Role
from marketplace.workflow import WorkflowError
from tenders.models import Exclusion, ExclusionSource, RecusalState
from tenders.services import conflicts
from tenders.services import panel as panel_services
from tenders.services import tenders as services
from tests.marketplace.factories import grant
from tests.tenders.conftest import score_all
from tests.tenders.factories import check_all, declare_none, evaluator


@pytest.fixture
def appointed(opened, purchaser, panel, later):
    with clock.travel(later):
        panel_services.panel_appoint(tender=opened, user=purchaser, evaluators=panel)
    return opened


def ties_for(tender, special=None):
    orgs = sorted(b.organisation_id for b in tender.valid_bids())
    ties = {org: ("none", "") for org in orgs}
    ties.update(special or {})
    return ties


def test_declared_tie_excludes_and_is_recorded(appointed, panel, later, bidders):
    org = bidders[1][0]
    seat = appointed.panel.get(evaluator=panel[0])
    with clock.travel(later):
        conflicts.panel_declare(
            member=seat,
            user=panel[0],
            ties=ties_for(appointed, {org.pk: ("employee", "2024 年离职")}),
        )
    seat.refresh_from_db()
    assert seat.has_conflict and seat.declared_at is not None
    exclusion = Exclusion.objects.get(member=seat)
    assert exclusion.source == ExclusionSource.DECLARED and exclusion.organisation == org
    assert "近三年曾为其员工" in exclusion.reason and "2024 年离职" in exclusion.reason
    assert seat.declarations.count() == 3


def test_no_tie_keeps_the_seat(appointed, panel, later):
    with clock.travel(later):
        seat = declare_none(appointed, panel[0])
    assert not seat.has_conflict and not Exclusion.objects.exists()


@pytest.mark.parametrize(
    "ties, message",
    [
        ("missing", "逐一声明"),
        ("no_note", "说明具体情况"),
        ("bogus", "关系选项无效"),
    ],
)
def test_bad_declaration_refused(appointed, panel, later, ties, message):
    seat = appointed.panel.get(evaluator=panel[0])
    full = ties_for(appointed)
    first = next(iter(full))
    if ties == "missing":
        full.pop(first)
    elif ties == "no_note":
        full[first] = ("relative", " ")
    else:
        full[first] = ("friend", "x")
    with clock.travel(later), pytest.raises(WorkflowError, match=message):
        conflicts.panel_declare(member=seat, user=panel[0], ties=full)
    seat.refresh_from_db()
    assert seat.declared_at is None and not seat.declarations.exists()


def test_declaring_twice_or_for_another_refused(appointed, panel, later):
    seat = appointed.panel.get(evaluator=panel[0])
    with clock.travel(later):
        with pytest.raises(PermissionDenied):
            conflicts.panel_declare(member=seat, user=panel[1], ties=ties_for(appointed))
        declare_none(appointed, panel[0])
        with pytest.raises(WorkflowError, match="已对本项目作出声明"):
            conflicts.panel_declare(member=seat, user=panel[0], ties=ties_for(appointed))


def test_member_of_a_bidder_excluded_automatically(appointed, panel, later, bidders):
    grant(panel[2], Role.ORG_MEMBER, organisation=bidders[1][0])
    with clock.travel(later):
        seat = declare_none(appointed, panel[2])
    assert seat.has_conflict
    exclusion = Exclusion.objects.get(member=seat)
    assert exclusion.source == ExclusionSource.AUTOMATIC
    assert exclusion.organisation == bidders[1][0] and "社会组织成员" in exclusion.reason


def test_who_bid_for_a_bidder_within_three_years_excluded(purchaser, places):
    """Having submitted a bid for an organisation in the last 3 years is a tie too."""
    from tests.tenders.factories import after_deadline, bidder, published_tender, submit

    org, admin = bidder("老东家社工中心")
    person = grant(evaluator(50), Role.ORG_MEMBER, organisation=org)
    submit(published_tender(purchaser), org, person)
    person.role_assignments.filter(organisation=org).delete()  # then left the organisation
    person.__dict__.pop("_role_cache", None)
    tender = published_tender(purchaser)
    for o, u in [(org, admin), bidder("其他甲"), bidder("其他乙")]:
        submit(tender, o, u)
    with after_deadline(tender):
        tender = services.tender_open(tender_id=tender.pk)
        others = [evaluator(60 + i) for i in range(4)]
        panel_services.panel_appoint(tender=tender, user=purchaser, evaluators=[person, *others])
        seat = declare_none(tender, person)
    exclusion = Exclusion.objects.get(member=seat)
    assert exclusion.organisation == org and "代表该投标人递交投标" in exclusion.reason


def test_exclusion_below_minimum_needs_replacement_before_scoring(
    evaluating, purchaser, panel, later, bidders
):
    org = bidders[0][0]
    with clock.travel(later):
        request = conflicts.recusal_request(
            member=evaluating.panel.get(evaluator=panel[0]),
            user=bidders[1][1],
            organisation=bidders[1][0],
            reason="该专家是第一名投标人理事长的配偶",
        )
        conflicts.recusal_decide(request=request, user=purchaser, grant=True, reason="核实属实")
        with pytest.raises(WorkflowError, match="补充成员"):
            check_all(evaluating, panel[1:])
        extra = evaluator(40)
        panel_services.panel_appoint(
            tender=evaluating, user=purchaser, evaluators=[*panel[1:], extra]
        )
        with pytest.raises(WorkflowError, match="只能补充成员"):
            panel_services.panel_appoint(
                tender=evaluating, user=purchaser, evaluators=[*panel[2:], extra, evaluator(41)]
            )
        declare_none(evaluating, extra)
        seated = [*panel[1:], extra]
        score_all(evaluating, seated)
    assert org  # the first bidder stays in the competition
    seat = evaluating.panel.get(evaluator=panel[0])
    assert seat.has_conflict
    assert Exclusion.objects.get(member=seat).source == ExclusionSource.RECUSAL


def test_recusal_refused_with_reason(
    evaluating, purchaser, panel, later, bidders, django_capture_on_commit_callbacks
):
    with clock.travel(later), django_capture_on_commit_callbacks(execute=True):
        request = conflicts.recusal_request(
            member=evaluating.panel.get(evaluator=panel[1]),
            user=bidders[2][1],
            organisation=bidders[2][0],
            reason="听说有关系",
        )
        with pytest.raises(WorkflowError, match="不予回避须说明理由"):
            conflicts.recusal_decide(request=request, user=purchaser, grant=False, reason="")
        request = conflicts.recusal_decide(
            request=request, user=purchaser, grant=False, reason="经核实无利害关系"
        )
    assert request.state == RecusalState.REFUSED and request.decision == "经核实无利害关系"
    assert not evaluating.panel.get(evaluator=panel[1]).has_conflict
    assert Notification.objects.filter(user=bidders[2][1], title__contains="回避申请").exists()


def test_recusal_decided_only_by_the_purchaser(
    evaluating, panel, later, bidders, purchaser_elsewhere
):
    with clock.travel(later):
        request = conflicts.recusal_request(
            member=evaluating.panel.get(evaluator=panel[1]),
            user=bidders[2][1],
            organisation=bidders[2][0],
            reason="理由",
        )
        with pytest.raises(PermissionDenied):
            conflicts.recusal_decide(
                request=request, user=purchaser_elsewhere, grant=True, reason=""
            )


def test_only_a_bidder_may_ask_for_recusal(evaluating, panel, later, places):
    from tests.tenders.factories import bidder

    org, user = bidder("未投标的组织")
    with clock.travel(later), pytest.raises(PermissionDenied):
        conflicts.recusal_request(
            member=evaluating.panel.get(evaluator=panel[0]), user=user, organisation=org, reason="x"
        )


def test_recusal_over_http(client, evaluating, purchaser, panel, later, bidders):
    org, user = bidders[1]
    seat = evaluating.panel.get(evaluator=panel[3])
    with clock.travel(later):
        client.force_login(user)
        url = reverse("tenders:recusal", args=[evaluating.pk])
        assert panel[3].display_name in client.get(url).content.decode()
        bad = client.post(url, {"member": seat.pk, "organisation": org.pk, "reason": ""})
        assert bad.status_code == 400
        ok = client.post(
            url, {"member": seat.pk, "organisation": org.pk, "reason": "曾在该组织任职"}
        )
        assert ok.status_code == 302
        request = seat.recusal_requests.get()
        client.force_login(purchaser)
        listing = client.get(reverse("tenders:recusals", args=[evaluating.pk])).content.decode()
        assert "曾在该组织任职" in listing
        decide = reverse("tenders:recusal_decide", args=[request.pk])
        assert client.post(decide, {"grant": "0", "reason": ""}).status_code == 400
        assert client.post(decide, {"grant": "1", "reason": "属实"}).status_code == 302
        page = client.get(reverse("tenders:detail", args=[evaluating.pk])).content.decode()
        assert "已回避" in page and "投标人申请回避" in page
        client.force_login(panel[0])
        assert client.get(url).status_code == 403  # an evaluator is not a bidder
