"""The whole loop over HTTP, as the people who take each step.

A resident posts a need; community staff publish it, consult and design a project; the
street's purchaser approves it, tenders it, has it scored and awards it; the winning
organisation delivers it; everyone evaluates it; the purchaser pays and the need is met.
At every step somebody who may not take it tries first: refused, and nothing changed.
"""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cms.models import NoticeKind, NoticePage
from cms.seeders import site_setup
from evaluations.models import Delivery, DeliveryLog, EvaluationState, PartyScore, PaymentState
from marketplace import clock, scheduling
from marketplace.models import ProjectState, Role
from needs.models import ConsultationDecision, Need, NeedState
from tenders.models import Bid, ContractState, Score, Tender, TenderState
from tests.e2e.helpers import admin_of, as_user, design_form, ok, refused, without_tokens
from tests.marketplace.factories import OrganisationFactory, UserFactory, grant
from tests.needs.factories import PEOPLE

pytestmark = pytest.mark.django_db


def test_the_whole_loop(
    client,
    django_capture_on_commit_callbacks,
    places,
    resident,
    resident2,
    staff,
    staff_b,
    purchaser,
    purchaser_elsewhere,
    organisation,
    organisation2,
    org_admin,
    social_worker,
    outsider,
    superuser,
):
    site_setup()  # the home page and the notice index, as seed_demo makes them

    def post(user, url, data=None):
        """POST as `user`, running what the request schedules after its commit."""
        with django_capture_on_commit_callbacks(execute=True):
            return as_user(client, user).post(url, data or {})

    def get(user, url):
        """GET as `user` (None: anonymous)."""
        if user is None:
            client.logout()
            return client.get(url)
        return as_user(client, user).get(url)

    def run_scheduled():
        with django_capture_on_commit_callbacks(execute=True):
            done = scheduling.run_all()
        assert -1 not in done.values(), done  # no scheduled step failed
        return done

    # 1. A resident posts a need in her community.
    ok(
        post(
            resident,
            reverse("needs:create"),
            {
                "category": "elderly",
                "community": places["community_a"].code,
                "title": "翠湖独居老人上门探访",
                "description": "楼里独居老人多，希望有人定期上门探访。",
                "people_count": 30,
                "contact_phone": "13812341234",
            },
        )
    )
    need = Need.objects.get(author=resident)
    assert need.state == NeedState.SUBMITTED

    # 1. Staff of another community may not publish it; the community's staff do.
    assert refused(post(staff_b, reverse("needs:publish", args=[need.pk])))
    need.refresh_from_db()
    assert need.state == NeedState.SUBMITTED
    ok(post(staff, reverse("needs:publish", args=[need.pk])))
    need.refresh_from_db()
    assert need.state == NeedState.PUBLISHED

    # 1. A neighbour endorses it, once.
    ok(post(resident2, reverse("needs:endorse", args=[need.pk])))
    assert refused(post(resident2, reverse("needs:endorse", args=[need.pk])), 409)
    need.refresh_from_db()
    assert need.endorsement_count == 1

    # 2. Staff record a residents' consultation that decides to go forward.
    consultation = {
        "date": clock.today().isoformat(),
        "place": "社区议事厅",
        **PEOPLE,
        "minutes": "同意推进上门探访项目",
        f"decision_{need.pk}": "go_forward",
        f"reason_{need.pk}": "",
    }
    url_b = reverse("needs:consultation_create") + "?community=" + places["community_a"].code
    assert refused(get(staff_b, url_b))
    assert refused(post(staff_b, url_b, consultation))
    assert not ConsultationDecision.objects.exists()
    ok(post(staff, reverse("needs:consultation_create"), consultation))

    # 2. Staff design a project from the need (indicators and budget lines).
    design = design_form(need)
    ok(post(staff, reverse("needs:design_create"), design))
    need.refresh_from_db()
    assert need.state == NeedState.ADOPTED
    project = need.project
    assert project.state == ProjectState.DRAFT

    # 2. Staff of another community may not submit it; the designer's staff do.
    assert refused(post(staff_b, reverse("project_submit", args=[project.pk])))
    project.refresh_from_db()
    assert project.state == ProjectState.DRAFT
    ok(post(staff, reverse("project_submit", args=[project.pk])))
    project.refresh_from_db()
    assert project.state == ProjectState.SUBMITTED

    # 2. A purchaser elsewhere may not approve it; the street's purchaser does.
    budget = {"budget": "20000", "funding_source": "fiscal"}
    assert refused(post(purchaser_elsewhere, reverse("project_approve", args=[project.pk]), budget))
    project.refresh_from_db()
    assert project.state == ProjectState.SUBMITTED and project.approved_budget is None
    ok(post(purchaser, reverse("project_approve", args=[project.pk]), budget))
    project.refresh_from_db()
    assert project.state == ProjectState.APPROVED

    # 3. The purchaser drafts a tender; an organisation may not publish it, the purchaser does.
    deadline = (clock.now() + timedelta(days=25)).astimezone()
    ok(
        post(
            purchaser,
            reverse("tenders:create", args=[project.pk]),
            {
                "title": "翠湖长者关爱服务采购",
                "method": "open",
                "deadline": deadline.strftime("%Y-%m-%dT%H:%M"),
                "ceiling_price": "20000",
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
            },
        )
    )
    tender = Tender.objects.get(project=project)
    assert refused(post(org_admin, reverse("tenders:publish", args=[tender.pk])))
    tender.refresh_from_db()
    assert tender.state == TenderState.DRAFT
    ok(post(purchaser, reverse("tenders:publish", args=[tender.pk])))
    tender.refresh_from_db()
    assert tender.state == TenderState.PUBLISHED

    # 3. What the purchaser, the superuser and a bystander see before any bid.
    bystander = admin_of(OrganisationFactory(name="旁观公益发展中心"), "旁观者")
    pages = [
        reverse("tenders:detail", args=[tender.pk]),
        reverse("project_detail", args=[project.pk]),
    ]
    onlookers = [purchaser, superuser, bystander]
    before = {
        (u.pk, p): without_tokens(get(u, p).content.decode()) for u in onlookers for p in pages
    }

    # 3. Three organisations bid, each through its admin (the lowest price from 阳光).
    third = OrganisationFactory(name="五华区同心社区服务中心")
    bidders = [
        (organisation, org_admin, "18000.00"),
        (organisation2, admin_of(organisation2, "康宁管理员"), "19000.00"),
        (third, admin_of(third, "同心管理员"), "19500.00"),
    ]
    for org, admin, price in bidders:
        data = {
            "organisation": org.pk,
            "price": price,
            "proposal": f"{org.name}的服务方案",
            "upload": SimpleUploadedFile("方案.pdf", b"%PDF-1.4 plan"),
        }
        ok(post(admin, reverse("tenders:bid", args=[tender.pk]), data))
    assert Bid.objects.filter(tender=tender).count() == 3

    # 3. Before the deadline nobody else sees a price, a bidder or how many bid.
    secrets = [org.name for org, _a, _p in bidders] + [p for _o, _a, p in bidders]
    secrets += [p.removesuffix(".00") for _o, _a, p in bidders]
    for user in onlookers:
        for page in pages:
            body = without_tokens(get(user, page).content.decode())
            assert not [s for s in secrets if s in body], (user, page)
            assert body == before[(user.pk, page)], (user, page)  # not even a count
    changelist = get(superuser, "/django-admin/tenders/bid/").content.decode()
    assert not [s for s in secrets if s in changelist]
    assert "0 投标" in changelist or "0 个投标" in changelist
    own = get(org_admin, reverse("tenders:detail", args=[tender.pk])).content.decode()
    assert organisation.name in own and organisation2.name not in own and "19000" not in own

    # 3. After the deadline a bid is refused and the bids stay as they were.
    after_deadline = tender.deadline + timedelta(minutes=5)
    with clock.travel(after_deadline):
        late = {"organisation": organisation2.pk, "price": "100", "proposal": "迟到的报价"}
        assert refused(post(bidders[1][1], reverse("tenders:bid", args=[tender.pk]), late), 409)
        live = Bid.objects.filter(tender=tender, state="submitted")
        assert sorted(str(b.price) for b in live) == [p for _o, _a, p in bidders]
        assert Bid.objects.filter(tender=tender).count() == 3

        # 4. The scheduled step opens the tender at its deadline, once.
        assert run_scheduled()["tenders.open_due"] == 1
        assert run_scheduled()["tenders.open_due"] == 0
        tender.refresh_from_db()
        assert tender.state == TenderState.OPENED
        opened = get(None, reverse("tenders:detail", args=[tender.pk])).content.decode()
        assert all(org.name in opened and price in opened for org, _a, price in bidders)

        # 4. The purchaser appoints a panel of five experts (公开招标: ≥5, odd); each declares
        # no tie with any bidder, then each checks every bid's eligibility.
        panel = [grant(UserFactory(name=f"评审专家{i}"), Role.EVALUATOR) for i in range(5)]
        appoint = {"evaluators": [p.pk for p in panel]}
        assert refused(post(org_admin, reverse("tenders:panel", args=[tender.pk]), appoint))
        assert not tender.panel.exists()
        ok(post(purchaser, reverse("tenders:panel", args=[tender.pk]), appoint))
        no_ties = {f"tie_{org.pk}": "none" for org, _a, _p in bidders}
        for person in panel:
            ok(post(person, reverse("tenders:declare", args=[tender.pk]), no_ties))
        ok(post(purchaser, reverse("tenders:start_evaluation", args=[tender.pk])))
        tender.refresh_from_db()
        assert tender.state == TenderState.EVALUATING
        passes = {f"pass_{b.pk}": "1" for b in tender.valid_bids()}
        for person in panel:
            ok(post(person, reverse("tenders:eligibility", args=[tender.pk]), passes))

        # 4. Each evaluator scores every bid; an outsider's score is refused.
        score_url = reverse("tenders:score", args=[tender.pk])
        fields = list(ok(get(panel[0], score_url)).context["form"].fields)
        assert refused(post(outsider, score_url, {name: "30" for name in fields}))
        assert not Score.objects.exists()
        for person in panel:
            ok(post(person, score_url, {name: "25" for name in fields}))
        for person in panel:  # each member signs the panel report
            ok(post(person, reverse("tenders:report_confirm", args=[tender.pk])))

        # 4. The purchaser proposes the award (an evaluator may not).
        assert refused(post(panel[0], reverse("tenders:propose_award", args=[tender.pk])))
        tender.refresh_from_db()
        assert tender.state == TenderState.EVALUATING
        ok(post(purchaser, reverse("tenders:propose_award", args=[tender.pk])))
        tender.refresh_from_db()
        assert tender.state == TenderState.AWARD_PROPOSED

    # 4. After the publicity period the scheduled step awards; the purchaser signs.
    awarded_at = tender.publicity_ends_at + timedelta(minutes=5)
    with clock.travel(awarded_at):
        assert run_scheduled()["tenders.close_publicity"] == 1
        tender.refresh_from_db()
        assert tender.state == TenderState.AWARDED
        contract = {
            "amount": "18000",
            "start_date": awarded_at.date().isoformat(),
            "end_date": (awarded_at.date() + timedelta(days=364)).isoformat(),
            "service_standard": "每月上门探访不少于4次",
        }
        assert refused(post(org_admin, reverse("tenders:contract", args=[tender.pk]), contract))
        tender.refresh_from_db()
        assert not hasattr(tender, "contract")
        ok(post(purchaser, reverse("tenders:contract", args=[tender.pk]), contract))
        tender.refresh_from_db()
        assert tender.contract.state == ContractState.SIGNED
        assert tender.contract.organisation == organisation
        project.refresh_from_db()
        assert project.state == ProjectState.CONTRACTED and project.organisation == organisation

        # 5. The winner sets up delivery (another organisation may not) and names its team.
        setup = reverse("evaluations:setup", args=[tender.contract.pk])
        assert refused(post(bidders[1][1], setup))
        assert not Delivery.objects.exists()
        ok(post(org_admin, setup))
        delivery = Delivery.objects.get(project=project)
        worker = {
            "member": social_worker.pk,
            "role": "项目主管",
            "qualification": "social_worker",
            "certificate_number": "ZS2020530100123",
        }
        assert refused(post(social_worker, reverse("evaluations:team", args=[delivery.pk]), worker))
        assert not delivery.team.exists()
        ok(post(org_admin, reverse("evaluations:team", args=[delivery.pk]), worker))
        assert refused(post(outsider, reverse("evaluations:start", args=[delivery.pk])))
        ok(post(org_admin, reverse("evaluations:start", args=[delivery.pk])))
        project.refresh_from_db()
        assert project.state == ProjectState.IN_DELIVERY

        # 5. The social worker logs an activity; an outsider may not.
        log = {
            "indicator": project.indicators.get().pk,
            "count": "1",
            "activity": "上门探访独居老人",
            "date": clock.today().isoformat(),  # within the contract's service period
            "place": "翠湖西路",
            "participants": "3",
            "beneficiaries": "3",
            "service_hours": "2",
            "volunteer_hours": "0",
        }
        assert refused(post(outsider, reverse("evaluations:log_new", args=[delivery.pk]), log))
        assert not DeliveryLog.objects.exists()
        ok(post(social_worker, reverse("evaluations:log_new", args=[delivery.pk]), log))
        assert DeliveryLog.objects.filter(delivery=delivery).count() == 1

        # 6. The purchaser opens the final evaluation with a third-party evaluator.
        third_party = grant(UserFactory(name="施评估"), Role.EVALUATOR)
        opening = {"kind": "final", "third_party": third_party.pk}
        open_url = reverse("evaluations:evaluation_open", args=[delivery.pk])
        assert refused(post(org_admin, open_url, opening))
        assert not delivery.evaluations.exists()
        ok(post(purchaser, open_url, opening))
        evaluation = delivery.evaluations.get()
        parties = {p.kind: p for p in evaluation.parties.all()}

        # 6. Residents answer the satisfaction survey from the staff's notice, once each.
        residents = parties.pop("residents")
        notice = ok(get(staff, reverse("evaluations:survey_notice", args=[residents.pk])))
        survey = re.search(r"/delivery/survey/[^/\"<\s]+/", notice.content.decode()).group(0)
        happy = {"q_needs": 5, "q_attitude": 5, "q_overall": 5}
        ok(post(resident, survey, happy))
        assert refused(post(resident, survey, {**happy, "q_overall": 1}), 409)
        ok(post(resident2, survey, {"q_needs": 4, "q_attitude": 4, "q_overall": 4}))
        survey_close = reverse("evaluations:survey_close", args=[residents.pk])
        assert refused(post(staff_b, survey_close))
        assert not PartyScore.objects.filter(party=residents).exists()
        ok(post(staff, survey_close))
        assert PartyScore.objects.get(party=residents).score == 90  # (100 + 80) / 2

        # 6. The other parties score; the winner's admin may score none of them.
        scorers = {"community": staff, "third_party": third_party, "purchaser": purchaser}
        for kind, party in parties.items():
            url = reverse("evaluations:party_score", args=[party.pk])
            # the third-party seat refuses the winner's admin with its reason (409)
            status = 409 if kind == "third_party" else 403
            full = {f"p{party.pk}-c{c.pk}": "100" for c in party.criteria.all()}
            assert refused(post(org_admin, url, full), status)
            assert not PartyScore.objects.filter(party=party).exists()
            marks = {f"p{party.pk}-c{c.pk}": "90" for c in party.criteria.all()}
            ok(post(scorers[kind], url, marks))
        close = reverse("evaluations:evaluation_close", args=[evaluation.pk])
        assert refused(post(org_admin, close))
        evaluation.refresh_from_db()
        assert evaluation.state == EvaluationState.OPEN
        ok(post(purchaser, close))
        evaluation.refresh_from_db()
        assert evaluation.state == EvaluationState.CLOSED_PASS

        # 6. The project is completed and its need fulfilled; the purchaser pays.
        project.refresh_from_db()
        need.refresh_from_db()
        assert project.state == ProjectState.COMPLETED
        assert need.state == NeedState.FULFILLED
        final = tender.contract.payment_items.get(gate="final_pass")
        assert refused(post(org_admin, reverse("evaluations:payment_release", args=[final.pk])))
        final.refresh_from_db()
        assert final.state != PaymentState.RELEASED
        ok(post(purchaser, reverse("evaluations:payment_release", args=[final.pk])))
        final.refresh_from_db()
        assert final.state == PaymentState.RELEASED

    # 7. The public site: home, the notice index, and the notices the steps published.
    assert get(resident, "/").status_code == 200
    assert get(None, "/").status_code == 200
    notices = NoticePage.objects.filter(subject_id=tender.pk)
    assert notices.filter(kind=NoticeKind.TENDER).live().count() == 1
    assert notices.filter(kind=NoticeKind.AWARD).live().count() == 1
    index = notices.get(kind=NoticeKind.TENDER).get_parent()
    body = client.get(index.url).content.decode()
    assert tender.title in body
