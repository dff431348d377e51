"""Exports: the page's own scope, phones masked per viewer, formula guard, constant queries."""

import pytest

from marketplace import clock
from needs.models import Need
from tests.needs.factories import NeedFactory, published

from .conftest import csv_rows, xlsx_rows

PHONE = "13812345678"


def export(client, user, slug, fmt="csv", query=""):
    client.force_login(user)
    return client.get(f"/exports/{slug}.{fmt}{query}")


def column(rows, label):
    i = rows[0].index(label)
    return [r[i] for r in rows[1:]]


def test_review_queue_shows_phone_to_its_reviewer_only_in_scope(client, staff, places):
    NeedFactory(title="A的需求", contact_phone=PHONE)
    NeedFactory(title="B的需求", community=places["community_b"], contact_phone=PHONE)
    response = export(client, staff, "needs-review")
    assert response.status_code == 200
    rows = csv_rows(response)
    assert column(rows, "标题") == ["A的需求"]
    assert column(rows, "联系电话") == [PHONE]
    assert rows[0][:4] == ["编号", "标题", "类别", "社区/村"]


def test_needs_list_masks_phones_for_those_who_may_not_call(client, staff, purchaser, places):
    a = published(title="A的需求", contact_phone=PHONE)
    published(title="B的需求", community=places["community_b"], contact_phone=PHONE)
    by_title = lambda rows: dict(zip(column(rows, "标题"), column(rows, "联系电话"), strict=True))  # noqa: E731
    mine = by_title(csv_rows(export(client, staff, "needs")))
    assert mine == {"A的需求": PHONE, "B的需求": "138****5678"}
    theirs = csv_rows(export(client, purchaser, "needs"))
    assert set(column(theirs, "联系电话")) == {"138****5678"}
    assert a.author.display_name not in column(theirs, "提出人")
    assert PHONE not in b"".join(export(client, purchaser, "needs").streaming_content).decode()


def test_needs_list_export_keeps_the_page_filters(client, staff, places):
    published(title="养老", category="elderly")
    published(title="法律", category="legal")
    rows = csv_rows(export(client, staff, "needs", query="?category=legal"))
    assert column(rows, "标题") == ["法律"]


@pytest.mark.parametrize(
    "slug", ["needs-review", "needs", "organisations", "places", "tenders", "payments"]
)
def test_outsiders_are_refused(client, outsider, resident, org_admin, slug, places):
    for user in (outsider, resident):
        assert export(client, user, slug).status_code in (403, 404)
    client.logout()
    assert client.get(f"/exports/{slug}.csv").status_code == 302


def test_residents_and_org_admins_cannot_export_staff_lists(client, resident, org_admin, places):
    for slug in ("needs-review", "needs", "organisations", "places", "tenders"):
        assert export(client, resident, slug).status_code == 403
        assert export(client, org_admin, slug).status_code == 403


def test_formula_injection_is_escaped_in_csv_and_xlsx(client, staff):
    NeedFactory(title='=HYPERLINK("http://x","点我")', description="+1-2", contact_phone=PHONE)
    rows = csv_rows(export(client, staff, "needs-review"))
    assert column(rows, "标题") == ['\'=HYPERLINK("http://x","点我")']
    assert column(rows, "具体描述") == ["'+1-2"]
    response = export(client, staff, "needs-review", "xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = xlsx_rows(response.content)
    assert sheet[1][1] == '\'=HYPERLINK("http://x","点我")'


def test_filenames_carry_the_list_and_the_date(client, staff):
    response = export(client, staff, "needs-review", "xlsx")
    today = clock.today().strftime("%Y%m%d")
    assert f"{today}.xlsx" in response["Content-Disposition"]
    assert "attachment" in response["Content-Disposition"]
    assert export(client, staff, "needs-review", "pdf").status_code == 404


def test_registers_export(client, staff, organisation, superuser, places):
    rows = csv_rows(export(client, staff, "organisations"))
    assert column(rows, "统一社会信用代码") == [organisation.credit_code]
    mine = column(csv_rows(export(client, staff, "places")), "统计用区划代码")
    assert mine == ["530102001001"]  # staff of community A: their own subtree only
    everything = column(csv_rows(export(client, superuser, "places")), "统计用区划代码")
    assert "530126105201" in everything and len(everything) == 9


def test_tenders_export_within_the_purchasers_places(client, purchaser, purchaser_elsewhere, staff):
    from tests.tenders.factories import published_tender

    tender = published_tender(purchaser)
    rows = csv_rows(export(client, purchaser, "tenders"))
    assert column(rows, "采购项目名称") == [tender.title]
    assert column(csv_rows(export(client, purchaser_elsewhere, "tenders")), "采购项目名称") == []
    assert export(client, staff, "tenders").status_code == 403


def test_delivery_logs_and_payments_follow_their_pages(client, purchaser, social_worker, org_admin,
                                                       organisation, outsider, staff_b):  # fmt: skip
    from evaluations.services.logs import log_record
    from tests.evaluations.factories import delivery_for

    delivery = delivery_for(organisation=organisation, purchaser=purchaser, org_admin=org_admin,
                            social_worker=social_worker, start=True)  # fmt: skip

    log_record(delivery=delivery, user=social_worker, indicator=delivery.project.indicators.first(),
               activity="-长者生日会", date=clock.today(), place="活动室", participants=20)  # fmt: skip
    query = f"?delivery={delivery.pk}"
    rows = csv_rows(export(client, purchaser, "delivery-logs", query=query))
    assert column(rows, "活动内容") == ["'-长者生日会"]
    outsider_status = export(client, outsider, "delivery-logs", query=query).status_code
    assert outsider_status == client.get(f"/delivery/{delivery.pk}/logs/").status_code
    assert client.get(f"/delivery/{delivery.pk}/payments/").status_code == 403
    assert export(client, outsider, "payments", query=query).status_code == 403
    assert export(client, staff_b, "payments", query=query).status_code == 403
    assert export(client, purchaser, "payments", query=query).status_code == 200
    assert export(client, purchaser, "payments", query="?delivery=999999").status_code == 404


@pytest.mark.parametrize("slug", ["needs-review", "needs", "organisations"])
def test_constant_queries_at_two_sizes(client, staff, slug, django_assert_max_num_queries, places):
    from tests.marketplace.factories import OrganisationFactory

    def grow(n):
        for _ in range(n):
            NeedFactory(contact_phone=PHONE)
            published(contact_phone=PHONE)
            OrganisationFactory()

    client.force_login(staff)
    counts = []
    for n in (2, 12):
        grow(n)
        with django_assert_max_num_queries(8) as ctx:
            for fmt in ("csv", "xlsx"):
                response = client.get(f"/exports/{slug}.{fmt}")
                body = (
                    b"".join(response.streaming_content) if response.streaming else response.content
                )
                assert body
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    assert Need.objects.count() == 28
