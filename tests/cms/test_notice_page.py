"""A notice shows its legal facts live from the object; the CMS cannot edit them."""

import re
from decimal import Decimal

import pytest
from wagtail.admin.panels import get_edit_handler

from cms.facts import show
from cms.models import NoticeKind, NoticePage
from cms.services.notices import notice_publish
from tenders.models import Tender, TenderState

from .factories import make_tender

pytestmark = pytest.mark.django_db

FACTS = {"deadline", "ceiling_price", "place", "step_at", "kind", "subject_type", "subject_id"}
# An award round's number and its frozen winner, price and publicity end.
FACTS |= {"round", "award_winner", "award_price", "award_publicity_ends_at"}


def test_notice_shows_deadline_and_ceiling_from_the_tender(site, client):
    tender = make_tender(state=TenderState.PUBLISHED, ceiling="120000.00")
    notice = notice_publish(kind=NoticeKind.TENDER, obj=tender)
    html = client.get(notice.url).content.decode()
    assert "120,000.00 元" in html
    assert tender.deadline.astimezone().strftime("%Y年%m月%d日") in html
    assert "服务方案" in html and "团队资质" in html  # criteria with weights


def test_changing_the_tender_changes_the_notice(site, client):
    tender = make_tender(state=TenderState.PUBLISHED, ceiling="120000.00")
    notice = notice_publish(kind=NoticeKind.TENDER, obj=tender)
    Tender.objects.filter(pk=tender.pk).update(ceiling_price=Decimal("98000.00"))
    html = client.get(notice.url).content.decode()
    assert "98,000.00 元" in html
    assert "120,000.00" not in html


def test_the_edit_form_has_no_field_for_any_legal_fact():
    form_class = get_edit_handler(NoticePage).get_form_class()
    fields = set(form_class.base_fields)
    assert "body" in fields  # editors add text and attachments
    assert not fields & FACTS
    assert not {f.name for f in NoticePage._meta.concrete_fields if f.editable} & FACTS
    own = {f.name for f in NoticePage._meta.concrete_fields if f.model is NoticePage}
    assert own - {"page_ptr", "body", "search_text"} <= FACTS  # a new fact must be listed here


def test_posting_a_fact_through_the_wagtail_admin_changes_nothing(site, client, superuser):
    tender = make_tender(state=TenderState.PUBLISHED, ceiling="120000.00")
    notice = notice_publish(kind=NoticeKind.TENDER, obj=tender)
    client.force_login(superuser)
    edit_url = f"/cms-admin/pages/{notice.pk}/edit/"
    assert client.get(edit_url).status_code == 200
    data = {
        "title": notice.title,
        "slug": notice.slug,
        "body-count": "0",
        "kind": NoticeKind.AWARD,
        "ceiling_price": "1.00",
        "subject_id": "999",
        "round": "9",
        "award_winner": "冒名的社会组织",
        "action-publish": "publish",
    }
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    notice.refresh_from_db()
    assert (notice.kind, notice.subject_id) == (NoticeKind.TENDER, tender.pk)
    assert (notice.round, notice.award_winner) == (1, "")
    assert "120,000.00 元" in client.get(notice.url).content.decode()


def test_notices_are_not_creatable_by_hand():
    assert NoticePage.is_creatable is False


@pytest.mark.usefixtures("march")
def test_award_proposal_shows_the_winner_and_the_publicity_end(site, client, proposed, bidders):
    """A real proposal (tenders' services): the candidate and the date the publicity ends."""
    assert proposed.publicity_ends_at is not None
    notice = notice_publish(kind=NoticeKind.AWARD_PROPOSAL, obj=proposed)
    response = client.get(notice.url)
    assert response.status_code == 200
    html = response.content.decode()
    winner = proposed.winning_bid
    assert winner.organisation == bidders[0][0] and winner.organisation.name in html
    assert show(winner.price) in html
    ends = show(proposed.publicity_ends_at)  # 2026年03月26日 09:05: 3 working days
    assert ends.startswith("2026年03月26日")
    assert f"公示期至 {ends} 止" in html


def test_no_phone_number_on_a_notice(site, client):
    tender = make_tender(state=TenderState.PUBLISHED)
    assert tender.created_by.phone and tender.project.designer.phone
    notice = notice_publish(kind=NoticeKind.TENDER, obj=tender)
    html = client.get(notice.url).content.decode()
    assert tender.created_by.phone not in html
    assert tender.project.designer.phone not in html
    assert not re.search(r"1[3-9]\d{9}", html)
