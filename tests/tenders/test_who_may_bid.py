"""Who may not bid: the designer, related organisations (without leaking the sealed bids),
and, for 邀请招标, anyone not invited."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from marketplace.models import Notification
from marketplace.models.organisation import person_key
from marketplace.workflow import WorkflowError
from tenders.bidder_rules import RELATED
from tenders.models import Bid, Invitation
from tenders.services import invitations
from tenders.services import tenders as services
from tests.marketplace.factories import grant
from tests.tenders.factories import approved_project, bidder, draft_tender, submit


def test_design_organisation_may_not_bid(purchaser, places):
    org, user = bidder("设计单位社工中心")
    tender = draft_tender(approved_project(), purchaser)
    tender.design_organisation = org
    tender.save(update_fields=["design_organisation"])
    tender = services.tender_publish(tender=tender, user=purchaser)
    with pytest.raises(PermissionDenied, match="设计或项目管理服务"):
        submit(tender, org, user)
    other, other_user = bidder()
    assert submit(tender, other, other_user).pk


def test_designers_own_organisation_may_not_bid(tender, places):
    from marketplace.models import Role

    org, user = bidder("设计人所在组织")
    grant(tender.project.designer, Role.ORG_MEMBER, organisation=org)
    with pytest.raises(PermissionDenied, match="设计或项目管理服务"):
        submit(tender, org, user)


def related_pair(kind):
    a, a_user = bidder("关联甲社工中心")
    b, b_user = bidder("关联乙社工中心")
    if kind == "same_person":
        a.legal_representative = b.legal_representative = "张三"
        a.legal_representative_key = b.legal_representative_key = person_key("53010219800101123x")
    elif kind == "a_controls_b":
        b.controlled_by = a
    else:
        a.controlled_by = b
    a.save()
    b.save()
    return (a, a_user), (b, b_user)


@pytest.mark.parametrize("kind", ["same_person", "a_controls_b", "b_controls_a"])
def test_second_related_bid_refused_with_a_generic_message(tender, places, kind):
    (a, a_user), (b, b_user) = related_pair(kind)
    submit(tender, a, a_user)
    with pytest.raises(PermissionDenied) as exc:
        submit(tender, b, b_user)
    message = str(exc.value)
    assert message == RELATED
    # it never names the other bidder nor says how many there are
    assert a.name not in message and "1" not in message and "家" not in message
    assert Bid.objects.filter(tender=tender, organisation=b).count() == 0


def test_same_message_whatever_the_number_of_related_bids(tender, places):
    (a, a_user), (b, b_user) = related_pair("same_person")
    c, c_user = bidder("关联丙社工中心")
    c.legal_representative_key = a.legal_representative_key
    c.save()
    submit(tender, a, a_user)
    with pytest.raises(PermissionDenied) as one:
        submit(tender, c, c_user)
    (d, d_user) = bidder("关联丁社工中心")
    d.controlled_by = a
    d.save()
    with pytest.raises(PermissionDenied) as other:
        submit(tender, d, d_user)
    assert str(one.value) == str(other.value) == RELATED


def test_refusal_page_over_http_does_not_leak(client, tender, places):
    (a, a_user), (b, b_user) = related_pair("a_controls_b")
    submit(tender, a, a_user, price="123456")
    client.force_login(b_user)
    response = client.post(
        reverse("tenders:bid", args=[tender.pk]),
        {"organisation": b.pk, "price": "100000", "proposal": "方案"},
    )
    body = response.content.decode()
    assert response.status_code == 403
    assert a.name not in body and "123456" not in body


def test_unrelated_or_withdrawn_related_bid_allowed(tender, places):
    (a, a_user), (b, b_user) = related_pair("same_person")
    other, other_user = bidder("无关社工中心")
    bid = submit(tender, a, a_user)
    assert submit(tender, other, other_user).pk
    from tenders.services import bids as bid_services

    bid_services.bid_withdraw(bid=bid, user=a_user)
    assert submit(tender, b, b_user).pk  # the related bid is no longer live


def test_blank_key_never_matches(tender, places):
    a, a_user = bidder()
    b, b_user = bidder()
    assert a.legal_representative_key == b.legal_representative_key == ""
    submit(tender, a, a_user)
    assert submit(tender, b, b_user).pk


@pytest.fixture
def invited_draft(purchaser, places):
    return draft_tender(approved_project(), purchaser, method="invited")


def invite(tender, purchaser, n):
    people = [bidder(f"受邀社工中心{i}") for i in range(n)]
    for org, _user in people:
        invitations.invitation_add(tender=tender, user=purchaser, credit_code=org.credit_code)
    return people


def test_invited_tender_needs_three_invitations(invited_draft, purchaser):
    invite(invited_draft, purchaser, 2)
    with pytest.raises(WorkflowError, match="不少于 3 家"):
        services.tender_publish(tender=invited_draft, user=purchaser)
    invite_more = bidder("第三家")
    invitations.invitation_add(
        tender=invited_draft, user=purchaser, credit_code=invite_more[0].credit_code
    )
    assert services.tender_publish(tender=invited_draft, user=purchaser).state == "published"


def test_only_invited_may_bid_and_invitees_are_notified(
    invited_draft, purchaser, django_capture_on_commit_callbacks
):
    people = invite(invited_draft, purchaser, 3)
    with django_capture_on_commit_callbacks() as callbacks:
        tender = services.tender_publish(tender=invited_draft, user=purchaser)
    for callback in callbacks:  # the notifications (the CMS notice needs a site: not here)
        if getattr(callback, "__qualname__", "").startswith("notify."):
            callback()
    for _org, user in people:
        assert Notification.objects.filter(user=user, title__contains="投标邀请").exists()
    outsider_org, outsider_user = bidder("未受邀社工中心")
    assert not Notification.objects.filter(user=outsider_user).exists()
    with pytest.raises(PermissionDenied, match="只有受邀"):
        submit(tender, outsider_org, outsider_user)
    assert submit(tender, *people[0]).pk


def test_invitation_rules(invited_draft, purchaser, purchaser_elsewhere, tender):
    org, _user = bidder()
    with pytest.raises(PermissionDenied):
        invitations.invitation_add(
            tender=invited_draft, user=purchaser_elsewhere, credit_code=org.credit_code
        )
    with pytest.raises(WorkflowError, match="没有这个"):
        invitations.invitation_add(tender=invited_draft, user=purchaser, credit_code="X" * 18)
    invitations.invitation_add(tender=invited_draft, user=purchaser, credit_code=org.credit_code)
    with pytest.raises(WorkflowError, match="已邀请"):
        invitations.invitation_add(
            tender=invited_draft, user=purchaser, credit_code=org.credit_code
        )
    with pytest.raises(WorkflowError, match="只有邀请招标"):
        invitations.invitation_add(tender=tender, user=purchaser, credit_code=org.credit_code)


def test_invitations_over_http(client, invited_draft, purchaser, outsider):
    people = [bidder(f"网页受邀{i}") for i in range(3)]
    url = reverse("tenders:invitations", args=[invited_draft.pk])
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    client.force_login(purchaser)
    assert client.post(url, {"credit_code": "short"}).status_code == 400
    for org, _user in people:
        assert client.post(url, {"credit_code": org.credit_code}).status_code == 302
    page = client.get(url).content.decode()
    assert all(org.name in page for org, _u in people)
    first = Invitation.objects.filter(tender=invited_draft).first()
    remove = reverse("tenders:invitation_remove", args=[first.pk])
    assert client.post(remove).status_code == 302
    assert invited_draft.invitations.count() == 2
    response = client.post(reverse("tenders:publish", args=[invited_draft.pk]))
    assert response.status_code == 409 and "不少于 3 家" in response.content.decode()


def test_invitees_are_not_published(
    client, invited_draft, purchaser, django_capture_on_commit_callbacks
):
    """潜在投标人的名称、数量不得透露: neither the page nor the tender document names them."""
    people = invite(invited_draft, purchaser, 3)
    tender = services.tender_publish(tender=invited_draft, user=purchaser)
    page = client.get(reverse("tenders:detail", args=[tender.pk])).content.decode()
    url = reverse("document", args=["tender_document", tender.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)
    from tests.support.pdf import pdf_text

    text = pdf_text(b"".join(client.get(url).streaming_content))
    assert "仅受邀组织可以投标" in text
    for org, _user in people:
        assert org.name not in page and org.name not in text


def test_tender_form_takes_the_design_organisation_and_complexity(client, purchaser, places):
    from tenders.forms import DEFAULT_CRITERIA
    from tenders.models import Tender

    project = approved_project()
    designer_org, _user = bidder("设计咨询社工中心")
    client.force_login(purchaser)
    url = reverse("tenders:create", args=[project.pk])
    data = {
        "title": "表单测试采购",
        "method": "open",
        "deadline": "2099-01-05T09:30",
        "ceiling_price": "200000",
        "price_weight": "20",
        "eligibility": "依法登记",
        "is_complex": "on",
        "design_organisation": "9" * 18,
        "c-TOTAL_FORMS": str(len(DEFAULT_CRITERIA)),
        "c-INITIAL_FORMS": "0",
        "c-MIN_NUM_FORMS": "1",
        "c-MAX_NUM_FORMS": "1000",
    }
    for i, c in enumerate(DEFAULT_CRITERIA):
        data.update({f"c-{i}-name": c["name"], f"c-{i}-weight": c["weight"]})
    bad = client.post(url, data)
    assert bad.status_code == 400 and "没有这个统一社会信用代码" in bad.content.decode()
    data["design_organisation"] = designer_org.credit_code
    assert client.post(url, data).status_code == 302
    tender = Tender.objects.get(title="表单测试采购")
    assert tender.is_complex and tender.design_organisation == designer_org
    assert tender.minimum_panel_size == 7
