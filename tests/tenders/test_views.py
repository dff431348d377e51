"""The pages over HTTP: allowed and refused paths, and constant queries on lists."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from marketplace import clock
from marketplace.models import ProjectState
from tenders.models import Bid, ContractState, Tender, TenderState
from tests.tenders.factories import approved_project, bidder, published_tender


def test_purchaser_creates_and_publishes_a_tender(client, purchaser, places):
    project = approved_project()
    client.force_login(purchaser)
    url = reverse("tenders:create", args=[project.pk])
    page = client.get(url)
    assert page.status_code == 200 and "200000" in page.content.decode()
    deadline = (clock.now() + timedelta(days=25)).astimezone()
    data = {
        "title": "翠湖长者关爱采购",
        "method": "open",
        "deadline": deadline.strftime("%Y-%m-%dT%H:%M"),
        "ceiling_price": "200000",
        "price_weight": "20",
        "eligibility": "",
        "c-TOTAL_FORMS": "2",
        "c-INITIAL_FORMS": "0",
        "c-MIN_NUM_FORMS": "1",
        "c-MAX_NUM_FORMS": "1000",
        "c-0-name": "服务方案",
        "c-0-weight": "50",
        "c-1-name": "团队",
        "c-1-weight": "30",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    tender = Tender.objects.get()
    assert client.post(reverse("tenders:publish", args=[tender.pk])).status_code == 302
    tender.refresh_from_db()
    assert tender.state == TenderState.PUBLISHED
    assert tender.project.state == ProjectState.TENDERING


def test_create_form_errors_rerender(client, purchaser, places):
    project = approved_project()
    client.force_login(purchaser)
    response = client.post(reverse("tenders:create", args=[project.pk]), {"title": ""})
    assert response.status_code == 400
    assert not Tender.objects.exists()


@pytest.mark.parametrize("who", ["staff", "purchaser_elsewhere", "outsider"])
def test_others_cannot_create_or_publish(client, purchaser, who, request):
    tender = published_tender(purchaser)
    project = approved_project()
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("tenders:create", args=[project.pk])).status_code == 403
    assert (
        client.post(reverse("tenders:cancel", args=[tender.pk]), {"reason": "x"}).status_code == 403
    )
    tender.refresh_from_db()
    assert tender.state == TenderState.PUBLISHED


def test_draft_is_hidden_from_the_public(client, purchaser, places):
    from tests.tenders.factories import draft_tender

    tender = draft_tender(approved_project(), purchaser)
    assert client.get(reverse("tenders:detail", args=[tender.pk])).status_code == 403


def test_bid_over_http_and_after_deadline(client, tender, places):
    org, user = bidder()
    client.force_login(user)
    form = client.get(reverse("tenders:bid", args=[tender.pk]))
    assert form.status_code == 200
    data = {
        "organisation": org.pk,
        "price": "150000",
        "proposal": "方案",
        "upload": SimpleUploadedFile("plan.pdf", b"%PDF x"),
    }
    response = client.post(reverse("tenders:bid", args=[tender.pk]), data)
    bid = Bid.objects.get()
    assert response.status_code == 302 and response.url == reverse("tenders:receipt", args=[bid.pk])
    # a second post replaces the live bid
    client.post(reverse("tenders:bid", args=[tender.pk]), {**data, "upload": "", "price": "140000"})
    assert Bid.objects.filter(state="submitted").get().price == 140000
    with clock.travel(tender.deadline + timedelta(seconds=1)):
        late = client.post(reverse("tenders:bid", args=[tender.pk]), {**data, "upload": ""})
    assert late.status_code == 409
    assert Bid.objects.filter(state="submitted").get().price == 140000


def test_evaluation_and_contract_over_http(client, opened, purchaser, panel, later, bidders):
    client.force_login(purchaser)
    with clock.travel(later):
        ids = [p.pk for p in panel]
        assert (
            client.post(reverse("tenders:panel", args=[opened.pk]), {"evaluators": ids}).status_code
            == 302
        )
        no_ties = {f"tie_{org.pk}": "none" for org, _user in bidders}
        for person in panel:
            client.force_login(person)
            declare = reverse("tenders:declare", args=[opened.pk])
            assert client.post(declare, no_ties).status_code == 302
        client.force_login(purchaser)
        client.post(reverse("tenders:start_evaluation", args=[opened.pk]))
        opened.refresh_from_db()
        assert opened.state == TenderState.EVALUATING
        passes = {f"pass_{b.pk}": "1" for b in opened.valid_bids()}
        for person in panel:
            client.force_login(person)
            check = reverse("tenders:eligibility", args=[opened.pk])
            assert client.post(check, passes).status_code == 302
        for person in panel:
            client.force_login(person)
            page = client.get(reverse("tenders:score", args=[opened.pk]))
            assert page.status_code == 200
            data = {name: "10" for name in page.context["form"].fields}
            assert client.post(reverse("tenders:score", args=[opened.pk]), data).status_code == 302
        for person in panel:
            client.force_login(person)
            confirm = reverse("tenders:report_confirm", args=[opened.pk])
            assert client.post(confirm).status_code == 302
        # an evaluator cannot propose the award
        assert client.post(reverse("tenders:propose_award", args=[opened.pk])).status_code == 403
        client.force_login(purchaser)
        client.post(reverse("tenders:propose_award", args=[opened.pk]))
    opened.refresh_from_db()
    assert opened.state == TenderState.AWARD_PROPOSED
    body = client.get(reverse("tenders:detail", args=[opened.pk])).content.decode()
    assert bidders[0][0].name in body
    with clock.travel(opened.publicity_ends_at + timedelta(minutes=1)):
        from tenders.steps import close_publicity

        assert close_publicity() == 1
        assert close_publicity() == 0
    response = client.post(
        reverse("tenders:contract", args=[opened.pk]),
        {
            "amount": "150000",
            "start_date": "2027-03-01",
            "end_date": "2028-02-28",
            "service_standard": "标准",
        },
    )
    assert response.status_code == 302
    opened.refresh_from_db()
    assert opened.contract.state == ContractState.SIGNED
    project_page = client.get(reverse("project_detail", args=[opened.project_id])).content.decode()
    assert "150000" in project_page and bidders[0][0].name in project_page


def test_score_out_of_range_rerenders(client, evaluating, panel, later):
    person = panel[0]
    client.force_login(person)
    with clock.travel(later):
        page = client.get(reverse("tenders:score", args=[evaluating.pk]))
        data = {name: "1000" for name in page.context["form"].fields}
        assert client.post(reverse("tenders:score", args=[evaluating.pk]), data).status_code == 400


def test_conflicted_evaluator_cannot_score(client, opened, purchaser, panel, later):
    with clock.travel(later):
        client.force_login(purchaser)
        client.post(
            reverse("tenders:panel", args=[opened.pk]), {"evaluators": [p.pk for p in panel]}
        )
        client.force_login(panel[0])
        ties = {f"tie_{b.organisation_id}": "none" for b in opened.valid_bids()}
        first = opened.valid_bids().first().organisation_id
        ties.update({f"tie_{first}": "director", f"note_{first}": "曾任理事"})
        client.post(reverse("tenders:declare", args=[opened.pk]), ties)
        assert opened.panel.get(evaluator=panel[0]).has_conflict
        assert client.get(reverse("tenders:score", args=[opened.pk])).status_code == 403


def test_purchaser_cannot_sit_on_own_panel(opened, purchaser, later):
    from marketplace.models import Role
    from marketplace.workflow import WorkflowError
    from tenders.services import panel as panel_services
    from tests.marketplace.factories import grant

    grant(purchaser, Role.EVALUATOR)
    with clock.travel(later), pytest.raises(WorkflowError, match="不得以评审专家身份"):
        panel_services.panel_appoint(tender=opened, user=purchaser, evaluators=[purchaser])


@pytest.mark.parametrize("size", [3, 12])
def test_list_runs_constant_queries(client, purchaser, places, django_assert_max_num_queries, size):
    for _ in range(size):
        published_tender(purchaser)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("tenders:list"))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 6])
def test_my_work_constant_queries(client, purchaser, places, django_assert_max_num_queries, size):
    org, user = bidder()
    from tests.tenders.factories import submit

    for _ in range(size):
        submit(published_tender(purchaser), org, user)
    client.force_login(user)
    # 18: the volunteer area and (members import volunteers) the imports panel add one each.
    with django_assert_max_num_queries(18):
        assert client.get(reverse("my_work")).status_code == 200
    client.force_login(purchaser)
    with django_assert_max_num_queries(18):
        assert client.get(reverse("my_work")).status_code == 200


def test_a_tender_past_its_deadline_is_no_longer_listed_as_accepting_bids(purchaser, places):
    from tenders.selectors import open_tenders
    from tests.tenders.factories import after_deadline

    tender = published_tender(purchaser)
    assert list(open_tenders()) == [tender]
    with after_deadline(tender):
        # the scheduler has not closed it yet: still "published", but not open any more
        assert Tender.objects.get(pk=tender.pk).state == TenderState.PUBLISHED
        assert list(open_tenders()) == []
