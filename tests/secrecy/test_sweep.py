"""Before the deadline nobody but a bidder learns anything about the bids, from any URL.

Every URL the URL conf answers (walked, not listed) is requested by every kind of visitor
twice: once with no bid on the tender and once with two. Outside the bidders' own sessions
every response must be the same both times (after removing CSRF tokens and clock readings):
that rules out any leak of a count, a size, a name or a price, in any wording. On top, no
response may contain a bid's price, file, proposal, digest or receipt number literally, and
no notification or e-mail to anyone else may either.
"""

import difflib
import itertools
import logging
import time
from urllib.parse import unquote

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from marketplace.models import Notification

from . import urlwalk
from . import world as w
from .bodies import normalised, text

pytestmark = pytest.mark.django_db

# The walk must reach at least this much, so that a broken walker cannot pass by covering
# nothing (measured 2026-11: see the printed figures).
MIN_PATTERNS = 300
MIN_URLS = 450
MIN_REQUESTS = 4000
# Who proves that each admin URL pattern turns away someone the admin is closed to.
TIMES: dict[str, float] = {}
GUARD_CHECKERS = {"anonymous", "evaluator_on_panel", "bidder_0"}


def search_urls(paths: list[str], terms: list[str]) -> list[str]:
    """Search-like pages (site search, Wagtail listings) asked for each term."""
    from urllib.parse import urlencode

    out = []
    for path in paths:
        if "search" in path or path.rstrip("/").endswith(("users", "documents", "pages")):
            out += [f"{path}?{urlencode({'q': term})}" for term in terms]
    return out


def targets() -> list[tuple[str, str]]:
    """(pattern, url) pairs: every walked URL, search pages and admin searches per term."""
    walked = [(p.regex, path) for p, path in urlwalk.urls()]
    plain = [path for _p, path in walked]
    terms = [w.SEALED[0].org_name, "137913.57"]
    queries = search_urls(plain, terms) + urlwalk.admin_queries(terms)
    return sorted(set(walked + [(url.split("?")[0], url) for url in queries]))


def admin_prefixes(user) -> list[str]:
    """The admin sites `user` cannot enter. Each guards every one of its views before
    looking at the URL (Django's admin_view, Wagtail's require_admin_access), so for such a
    visitor one URL per pattern is enough to prove the guard covers the pattern."""
    closed = []
    if user is None or not (user.is_active and user.is_staff):
        closed.append(reverse("admin:index"))
    if user is None or not user.has_perm("wagtailadmin.access_admin"):
        closed.append(reverse("wagtailadmin_home"))
    return closed


def urls_for(user, pairs, *, guard: bool) -> list[str]:
    """All URLs, except that behind a closed admin one per pattern, and only when `guard`
    (the guard is the same for every visitor it keeps out: two visitors prove it)."""
    closed = admin_prefixes(user)
    out, done, emitted = [], set(), set()
    for pattern, url in pairs:
        if url in emitted:  # the same URL reached through two patterns: one request
            continue
        if any(url.startswith(prefix) for prefix in closed):
            if not guard or pattern in done:
                continue
            done.add(pattern)
        emitted.add(url)
        out.append(url)
    return out


def sweep(users: dict, pairs: list) -> dict:
    seen = {}
    # Every refused request (hundreds of 403/404s) would log a warning with its traceback:
    # formatting them is a good part of the run. Server errors (ERROR) are still logged.
    quiet = [logging.getLogger(name) for name in ("django.request", "django.security")]
    levels = [logger.level for logger in quiet]
    for logger in quiet:
        logger.setLevel(logging.ERROR)
    try:
        for role, user in users.items():
            client = Client(raise_request_exception=False)
            for url in urls_for(user, pairs, guard=role in GUARD_CHECKERS):
                client.cookies.pop("messages", None)
                session = client.session
                if user is not None and "_auth_user_id" not in session:
                    client.force_login(user)  # a logout URL ended the session: sign in again
                else:
                    forget_messages(session)
                began = time.monotonic()
                response = client.get(url)
                TIMES[url] = TIMES.get(url, 0) + time.monotonic() - began
                body = text(response) + "\n" + response.get("Location", "")
                seen[(role, url)] = (response.status_code, body)
    finally:
        for logger, level in zip(quiet, levels, strict=True):
            logger.setLevel(level)
    return seen


def forget_messages(session) -> None:
    """Messages queued by one request would show on a later one, and the two sweeps differ in
    their URLs: each request starts without them (the cookie's are dropped by the caller)."""
    if "_messages" in session:
        del session["_messages"]
        session.save()


def literal_leaks(seen: dict, world, own: dict) -> list[str]:
    found = []
    for (role, url), (_status, body) in seen.items():
        for i in range(len(w.SEALED)):
            if own.get(role) == i:
                continue
            for secret in w.secrets(world, i):
                if secret in body and secret not in unquote(url):
                    found.append(f"{role} {url}: {secret}")
    return found


def differences(before: dict, after: dict, roles) -> list[str]:
    found = []
    for key, (status, body) in after.items():
        if key[0] not in roles or key not in before:
            continue
        old_status, old_body = before[key]
        a, b = normalised(old_body), normalised(body)
        if status != old_status or a != b:
            found.append(f"{key[0]} {key[1]} ({old_status}→{status}): {where(a, b)[:6]}")
    return found


def where(a: str, b: str) -> list[str]:
    """The changed lines of a unified diff, each cut to the characters around its first
    difference (a line can be a whole StreamField definition of 100 kB)."""
    diff = difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0)
    removed, added = [], []
    for line in diff:
        if line[:3] not in ("+++", "---") and line[:1] in "+-":
            (removed if line[0] == "-" else added).append(line[1:])
    out = []
    for old, new in itertools.zip_longest(removed, added, fillvalue=""):
        same = enumerate(zip(old, new, strict=False))
        at = next((k for k, (x, y) in same if x != y), min(len(old), len(new)))
        out += [f"-…{old[max(at - 80, 0) : at + 80]}", f"+…{new[max(at - 80, 0) : at + 80]}"]
    return out


def identity_leaks(before: dict, after: dict, world, own: dict) -> list[str]:
    """A bidder's name or credit code appearing where it did not before it bid."""
    found = []
    for (role, url), (_status, body) in after.items():
        old = before.get((role, url), (None, ""))[1]
        for i in range(len(w.SEALED)):
            if own.get(role) == i:
                continue
            for fact in w.identities(world, i):
                if body.count(fact) > old.count(fact) and fact not in unquote(url):
                    found.append(f"{role} {url}: {fact}")
    return found


@pytest.fixture
def world(places, request, django_capture_on_commit_callbacks):
    names = ["purchaser", "purchaser_elsewhere", "resident", "staff", "org_admin"]
    names += ["superuser"]
    fixtures = {name: request.getfixturevalue(name) for name in names}
    with django_capture_on_commit_callbacks(execute=True):
        return w.build(places, fixtures)


def test_no_url_tells_anyone_but_the_bidder_anything_about_sealed_bids(
    world, django_capture_on_commit_callbacks
):
    started = time.monotonic()
    notes_before = set(Notification.objects.values_list("user_id", "title", "body", "url"))
    mails_before = len(mail.outbox)
    for user in [*world.visitors.values(), *bidder_sessions(world).values()]:
        if user is not None:  # everyone has signed in once before either sweep (last_login)
            Client().force_login(user)
    urls = targets()
    before = sweep({**world.visitors, **bidder_sessions(world)}, urls)

    with django_capture_on_commit_callbacks(execute=True):
        w.submit_bids(world)
    urls_after = targets()
    own = {"bidder_0": 0}
    after = sweep({**world.visitors, **bidder_sessions(world)}, urls_after)

    patterns = len(urlwalk.patterns())
    print(
        f"\nsecrecy sweep: {patterns} URL patterns, {len(urls)}/{len(urls_after)} URLs,"
        f" {len(before) + len(after)} requests by {len(world.visitors) + len(own)} visitors"
        f" in {time.monotonic() - started:.0f} s"
    )
    print(sorted(TIMES.items(), key=lambda kv: -kv[1])[:25])
    assert patterns >= MIN_PATTERNS and len(urls_after) >= MIN_URLS
    assert len(before) + len(after) >= MIN_REQUESTS
    must_cover([url for _p, url in urls_after], world)

    leaks = literal_leaks(after, world, own)
    revealed = identity_leaks(before, after, world, own)
    changed = differences(before, after, set(world.visitors))
    for line in leaks + revealed + changed:
        print("LEAK", line[:2000])
    assert not leaks, leaks[:20]
    assert not revealed, revealed[:20]
    assert not changed, changed[:20]

    bidder_users = {user.pk for _org, user in world.bidders}
    notes = set(Notification.objects.values_list("user_id", "title", "body", "url"))
    assert {n for n in notes - notes_before if n[0] not in bidder_users} == set()
    bidder_mail = {user.email for _org, user in world.bidders if user.email}
    for message in mail.outbox[mails_before:]:
        assert set(message.to) <= bidder_mail, message.subject


def bidder_sessions(world) -> dict:
    """The first bidder (the second is its mirror image): sees its own bid, not the other."""
    return {"bidder_0": world.bidders[0][1]}


def must_cover(urls: list[str], world) -> None:
    """The walker reached the places a leak would most likely be (so it can't cover nothing)."""
    tender = world.tender
    bid = world.bids[0]
    expected = [
        f"/tenders/{tender.pk}/",
        "/tenders/",
        f"/tenders/bids/{bid.pk}/receipt/",
        f"/tenders/bids/{bid.pk}/file/",
        f"/documents/bid_receipt/{bid.pk}/",
        f"/django-admin/tenders/bid/{bid.pk}/change/",
        f"/django-admin/tenders/tender/{tender.pk}/change/",
        f"/django-admin/marketplace/organisation/{world.bidders[0][0].pk}/change/",
        "/django-admin/tenders/bid/",
        "/cms-admin/",
        "/feeds/notices.rss",
        "/sitemap.xml",
        f"/projects/{tender.project_id}/",
        f"/orgs/{world.bidders[0][0].pk}/",
    ]
    missing = [url for url in expected if url not in urls]
    assert not missing, missing
    assert any(url.startswith("/search/?q=") for url in urls)
    assert any(url.startswith("/cms-admin/pages/") and url[17:18].isdigit() for url in urls)
