"""Concurrent bids around the deadline (PostgreSQL): none accepted after it, none lost before.

`marketplace.clock` keeps its travel offset per thread, so the threads here use the real
clock: the tender's deadline is set a moment ahead in real time, and 20 threads, each with
its own database connection, submit bids that start before, at and after it. Every
submission is slowed in the middle (while it holds the tender row lock) so that many begin
before the deadline and finish after it. A thread opening the tender at the deadline runs
alongside them.

The outcome must be exact: every submission that returned a bid is in the database with a
time before the deadline and is among the opened bids; every one that was refused left
nothing; no refusal came before the deadline.
"""

import threading
import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.utils import timezone

from marketplace.workflow import WorkflowError
from tenders import digest
from tenders.models import Bid, BidState, Tender, TenderState
from tenders.services import bids as bid_services
from tenders.services import tenders as tender_services
from tests.tenders.factories import bidder, published_tender

THREADS = 20
LEAD = 4.0  # seconds from the start of the race to the deadline
SLOW = 0.03  # seconds each submission holds the tender lock (in its digest step)


def when(i: int) -> float:
    """Seconds from the deadline at which submission i starts: 6 early, a burst of 10 just
    before (they queue on the tender lock, so most finish after it), 4 late."""
    if i < 6:
        return -3.0 + 0.4 * i
    if i < 16:
        return -0.1
    return 0.05 + 0.08 * (i - 16)


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL (row locks and concurrent connections): run with "
            "DATABASE_URL=postgres://…; SQLite serialises every writer"
        )


@pytest.mark.django_db(transaction=True)
def test_concurrent_bids_around_the_deadline(postgres, site, purchaser, monkeypatch):
    # `site`: on_commit runs at once here and the tender notice needs the site; it also puts
    # back Wagtail's root rows when an earlier transactional test's flush removed them.
    tender = published_tender(purchaser)
    people = [bidder(f"并发投标机构{i:02d}") for i in range(THREADS)]

    real_digest = digest.bid_digest

    def slow_digest(**kwargs):
        time.sleep(SLOW)
        return real_digest(**kwargs)

    monkeypatch.setattr(digest, "bid_digest", slow_digest)

    start = timezone.now() + timedelta(seconds=0.5)
    deadline = start + timedelta(seconds=LEAD)
    Tender.objects.filter(pk=tender.pk).update(deadline=deadline)
    outcomes = {}
    opened = {}
    gate = threading.Barrier(THREADS + 1)

    def wait_until(moment):
        pause = (moment - timezone.now()).total_seconds()
        if pause > 0:
            time.sleep(pause)

    def submit(i, org, user):
        try:
            gate.wait()
            wait_until(deadline + timedelta(seconds=when(i)))
            began = timezone.now()
            try:
                bid = bid_services.bid_submit(
                    tender=tender,
                    organisation=org,
                    user=user,
                    price=Decimal("150000") + i,
                    proposal=f"方案{i}",
                )
                outcomes[org.pk] = ("accepted", bid.pk, began, timezone.now())
            except WorkflowError:
                outcomes[org.pk] = ("refused", None, began, timezone.now())
        finally:
            connections.close_all()

    def open_at_deadline():
        try:
            gate.wait()
            wait_until(deadline + timedelta(milliseconds=1))
            while Tender.objects.get(pk=tender.pk).state == TenderState.PUBLISHED:
                tender_services.tender_open(tender_id=tender.pk)
            opened["at"] = timezone.now()
            opened["bids"] = set(
                Bid.objects.filter(tender=tender)
                .exclude(state__in=[BidState.SUBMITTED, BidState.WITHDRAWN, BidState.REPLACED])
                .values_list("pk", flat=True)
            )
        finally:
            connections.close_all()

    workers = [threading.Thread(target=submit, args=(i, *p)) for i, p in enumerate(people)]
    workers.append(threading.Thread(target=open_at_deadline))
    for t in workers:
        t.start()
    for t in workers:
        t.join(timeout=60)

    assert len(outcomes) == THREADS
    accepted = {pk for kind, pk, *_ in outcomes.values() if kind == "accepted"}
    stored = set(Bid.objects.filter(tender=tender).values_list("pk", flat=True))
    assert stored == accepted  # every success kept, every refusal left nothing
    refused_orgs = {org for org, o in outcomes.items() if o[0] == "refused"}
    assert not Bid.objects.filter(organisation_id__in=refused_orgs).exists()
    for kind, _pk, began, finished in outcomes.values():
        if kind == "refused":
            assert finished >= deadline  # nobody refused before the deadline
        else:
            assert began < deadline
    assert all(b.submitted_at < deadline for b in Bid.objects.filter(pk__in=accepted))
    assert opened["bids"] == accepted  # the opening saw exactly the accepted bids
    # The race really was a race: both outcomes happened, and some straddled the deadline.
    assert accepted and refused_orgs
    straddled = [o for o in outcomes.values() if o[2] < deadline <= o[3]]
    assert straddled
    print(
        f"\nrace: {len(accepted)} accepted, {len(refused_orgs)} refused,"
        f" {len(straddled)} began before the deadline and finished after"
    )
