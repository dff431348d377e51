"""采购文件提供期限: at least 5 working days from publication, stated on the page and in the
document, which stays downloadable after it (and after the deadline)."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from marketplace import clock
from tenders import duedates
from tests.tenders.test_eligibility_report import get_pdf


@pytest.mark.parametrize(
    "published, until, provisional",
    [
        ((2026, 11, 30, 9), (2026, 12, 7), False),  # an ordinary week
        ((2026, 2, 13, 9), (2026, 2, 27), False),  # over the Spring Festival (14 Feb worked)
        ((2026, 9, 28, 10), (2026, 10, 10), False),  # over National Day: Saturday 调休
        ((2026, 12, 29, 9), (2027, 1, 6), True),  # into a year whose 调休 is unannounced
    ],
)
def test_documents_until(published, until, provisional):
    due = duedates.documents_until(timezone.make_aware(datetime(*published)))
    assert timezone.localtime(due.at).date() == datetime(*until).date()
    assert due.provisional is provisional


def test_the_period_is_shown_and_the_document_stays_available(
    client, tender, django_capture_on_commit_callbacks
):
    until = f"{timezone.localtime(tender.documents_until.at):%Y-%m-%d}"
    page = client.get(reverse("tenders:detail", args=[tender.pk])).content.decode()
    assert "采购文件提供期限" in page and until in page
    with clock.travel(tender.deadline + timedelta(days=30)):
        text = get_pdf(client, "tender_document", tender.pk, django_capture_on_commit_callbacks)
    assert "采购文件提供期限" in "".join(text.split())


def test_a_draft_states_no_period(purchaser, places):
    from tests.tenders.factories import approved_project, draft_tender

    assert draft_tender(approved_project(), purchaser).documents_until is None
