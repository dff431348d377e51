"""Nothing sealed before opening and no personal data, in any OCDS or API output."""

import re
from decimal import Decimal

from django.urls import reverse

from evaluations.models import Qualification, TeamMember
from marketplace import clock
from marketplace.models import User
from needs.services import needs as need_services
from tenders.models import TenderState
from tenders.services import tenders as services
from tests.marketplace.factories import force_state
from tests.tenders.factories import submit

from .conftest import get_json, text_of

PRICES = ["157321.45", "163457.89", "171234.56"]
PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")


def tender_outputs(client, tender) -> str:
    urls = [
        reverse("ocds:tender_releases", args=[tender.pk]),
        reverse("ocds:tender_record", args=[tender.pk]),
        reverse("ocds:bulk"),
        reverse("api:tenders") + "?page_size=100",
        reverse("api:tenders") + f"?state={tender.state}",
        reverse("api:tenders_detail", args=[tender.pk]),
        reverse("api:projects") + "?page_size=100",
    ]
    return "\n".join(text_of(client, url) for url in urls)


def bid_facts(bidders):
    return [org.name for org, _user in bidders] + PRICES + [p.split(".")[0] for p in PRICES]


def test_no_bid_fact_before_opening_then_all_after(client, tender, bidders, later):
    for (org, user), price in zip(bidders, PRICES, strict=True):
        submit(tender, org, user, price=price)
    sealed = tender_outputs(client, tender)
    assert [fact for fact in bid_facts(bidders) if fact in sealed] == []
    assert "numberOfTenderers" not in sealed and "tenderers" not in sealed
    api = get_json(client, reverse("api:tenders"))["results"][0]
    assert api["number_of_bids"] is None and api["winner"] is None
    one = get_json(client, reverse("api:tenders_detail", args=[tender.pk]))
    assert one["number_of_bids"] is None and one["winner"] is None

    with clock.travel(later):
        services.tender_open(tender_id=tender.pk)
    tender.refresh_from_db()
    opened = tender_outputs(client, tender)
    assert all(org.name in opened for org, _user in bidders)
    record = get_json(client, reverse("ocds:tender_record", args=[tender.pk]))
    assert record["records"][0]["compiledRelease"]["tender"]["numberOfTenderers"] == 3
    assert get_json(client, reverse("api:tenders"))["results"][0]["number_of_bids"] == 3
    assert get_json(client, reverse("api:tenders_detail", args=[tender.pk]))["number_of_bids"] == 3


def test_a_tender_marked_opened_without_an_opening_shows_no_bids(client, tender, bidders):
    for (org, user), price in zip(bidders, PRICES, strict=True):
        submit(tender, org, user, price=price)
    force_state(tender, TenderState.OPENED)  # opened_at still empty: the seal holds
    text = tender_outputs(client, tender)
    assert [fact for fact in bid_facts(bidders) if fact in text] == []


def test_a_tender_cancelled_before_opening_keeps_its_bids_sealed(
    client, tender, bidders, purchaser
):
    for (org, user), price in zip(bidders, PRICES, strict=True):
        submit(tender, org, user, price=price)
    services.tender_cancel(tender=tender, user=purchaser, reason="需求变化")
    text = tender_outputs(client, tender)
    assert [fact for fact in bid_facts(bidders) if fact in text] == []


def test_no_phone_id_number_or_person_name_in_any_output(
    client, implemented, contracted, resident, staff, places
):
    need = need_services.need_submit(
        user=resident,
        community=places["community_a"],
        category="elderly",
        title="楼道扶手",
        description="老楼需要加装扶手，联系13912340000，身份证530102198001011234",
        contact_phone="13812345678",
    )
    need_services.need_publish(need=need, user=staff)
    delivery = implemented.contract.delivery
    TeamMember.objects.create(
        delivery=delivery,
        user=User.objects.create(username="idcard", name="赵身份", phone="13698765432"),
        role="社工",
        qualification=Qualification.SOCIAL_WORKER,
        certificate_number="53010219800101123X",
    )
    urls = [reverse("ocds:bulk")]
    for tender in (implemented, contracted):
        urls += [
            reverse("ocds:tender_releases", args=[tender.pk]),
            reverse("ocds:tender_record", args=[tender.pk]),
        ]
    for name in ("needs", "projects", "tenders", "notices", "places", "organisations"):
        urls.append(reverse(f"api:{name}") + "?page_size=100")
    urls += [
        reverse("api:needs_detail", args=[need.pk]),
        reverse("api:projects_detail", args=[implemented.project_id]),
        reverse("api:tenders_detail", args=[implemented.pk]),
    ]
    text = "\n".join(text_of(client, url) for url in urls)
    assert "楼道扶手" in text  # the need itself is public
    assert "139****0000" in text and "530***********1234" in text  # typed-in numbers masked
    assert PHONE.findall(text) == []
    assert ID_NUMBER.findall(text) == []
    people = [u.name for u in User.objects.exclude(name="")]
    assert len(people) > 5
    assert [name for name in people if name in text] == []
    assert "13812345678" not in text and "53010219800101123X" not in text


def test_amounts_are_in_yuan_as_cny(client, contracted):
    record = get_json(client, reverse("ocds:tender_record", args=[contracted.pk]))
    compiled = record["records"][0]["compiledRelease"]
    assert compiled["contracts"][0]["value"] == {
        "amount": float(contracted.winning_bid.price),
        "currency": "CNY",
    }
    assert Decimal(str(compiled["tender"]["value"]["amount"])) == contracted.ceiling_price
