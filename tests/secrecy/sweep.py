"""The secrecy sweep, shared by the test_sweep_*.py modules (one per group of visitors).

Every URL the URL conf answers (walked, not listed) is requested by each visitor of a group
twice: once with no bid on the tender and once with two. Outside the bidders' own sessions
every response must be the same both times (after removing CSRF tokens and clock readings):
that rules out any leak of a count, a size, a name or a price, in any wording. On top, no
response may contain a bid's price, file, proposal, digest or receipt number literally, and
no notification or e-mail to anyone else may either.

Every visitor requests every URL pattern in both sweeps. Behind an admin site the visitor
cannot enter (Django's admin_view and Wagtail's require_admin_access guard every view before
looking at the URL) one URL per pattern is enough; everywhere else every walked URL is asked.
"""

import difflib
import itertools
import logging
import time
from urllib.parse import unquote, urlencode

from django.core import mail
from django.test import Client
from django.urls import reverse

from marketplace.models import Notification

from . import urlwalk
from . import world as w
from .bodies import normalised, text

# The walk must reach at least this much, so that a broken walker cannot pass by covering
# nothing (measured 2026-11: 453 patterns, 641 URLs with no bid, 662 with two).
MIN_PATTERNS = 300
MIN_URLS = 450

# The first bidder (the second is its mirror image): sees its own bid, not the other's.
BIDDER = "bidder_0"
OWN = {BIDDER: 0}


def search_urls(paths: list[str], terms: list[str]) -> list[str]:
    """Search-like pages (site search, Wagtail listings) asked for each term."""
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
    """The admin sites `user` cannot enter."""
    closed = []
    if user is None or not (user.is_active and user.is_staff):
        closed.append(reverse("admin:index"))
    if user is None or not user.has_perm("wagtailadmin.access_admin"):
        closed.append(reverse("wagtailadmin_home"))
    return closed


def urls_for(user, pairs) -> list[str]:
    """Every URL, except that behind a closed admin only the first of each pattern."""
    closed = admin_prefixes(user)
    out, done, emitted = [], set(), set()
    for pattern, url in pairs:
        if url in emitted:  # the same URL reached through two patterns: one request
            continue
        if any(url.startswith(prefix) for prefix in closed):
            if pattern in done:
                continue
            done.add(pattern)
        emitted.add(url)
        out.append(url)
    return out


def sweep(users: dict, pairs: list, times: dict) -> dict:
    """{(role, url): (status, text)} for every URL each of `users` is to ask."""
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
            began = time.monotonic()
            for url in urls_for(user, pairs):
                client.cookies.pop("messages", None)
                session = client.session
                if user is not None and "_auth_user_id" not in session:
                    client.force_login(user)  # a logout URL ended the session: sign in again
                else:
                    forget_messages(session)
                response = client.get(url)
                body = text(response) + "\n" + response.get("Location", "")
                seen[(role, url)] = (response.status_code, body)
            times[role] = times.get(role, 0) + time.monotonic() - began
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


def uncovered(seen: dict, pairs: list, roles) -> list[str]:
    """(role, pattern) pairs of which the role asked no URL: must be none."""
    asked: dict[str, set] = {}
    for role, url in seen:
        asked.setdefault(role, set()).add(url)
    by_pattern: dict[str, set] = {}
    for pattern, url in pairs:
        by_pattern.setdefault(pattern, set()).add(url)
    return [
        f"{role} {pattern}"
        for role in roles
        for pattern, urls in by_pattern.items()
        if not urls & asked.get(role, set())
    ]


def literal_leaks(seen: dict, world) -> list[str]:
    found = []
    for (role, url), (_status, body) in seen.items():
        for i in range(len(w.SEALED)):
            if OWN.get(role) == i:
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


def identity_leaks(before: dict, after: dict, world) -> list[str]:
    """A bidder's name or credit code appearing where it did not before it bid."""
    found = []
    for (role, url), (_status, body) in after.items():
        old = before.get((role, url), (None, ""))[1]
        for i in range(len(w.SEALED)):
            if OWN.get(role) == i:
                continue
            for fact in w.identities(world, i):
                if body.count(fact) > old.count(fact) and fact not in unquote(url):
                    found.append(f"{role} {url}: {fact}")
    return found


def visitors(world, roles: list[str]) -> dict:
    everyone = {**world.visitors, BIDDER: world.bidders[0][1]}
    return {role: everyone[role] for role in roles}


def check(world, roles: list[str], capture_on_commit) -> None:
    """Sweep as `roles` before and after the bids are in; fail on anything they could learn."""
    started = time.monotonic()
    users = visitors(world, roles)
    notes_before = set(Notification.objects.values_list("user_id", "title", "body", "url"))
    mails_before = len(mail.outbox)
    for user in users.values():
        if user is not None:  # everyone has signed in once before either sweep (last_login)
            Client().force_login(user)
    times: dict[str, float] = {}
    pairs = targets()
    before = sweep(users, pairs, times)

    with capture_on_commit(execute=True):
        w.submit_bids(world)
    pairs_after = targets()
    after = sweep(users, pairs_after, times)

    patterns = len(urlwalk.patterns())
    urls_after = sorted({url for _p, url in pairs_after})
    print(
        f"\nsecrecy sweep ({', '.join(roles)}): {patterns} URL patterns,"
        f" {len({u for _p, u in pairs})}/{len(urls_after)} URLs,"
        f" {len(before) + len(after)} requests in {time.monotonic() - started:.0f} s;"
        f" per visitor: {', '.join(f'{r} {s:.0f} s' for r, s in times.items())}"
    )
    assert patterns >= MIN_PATTERNS and len(urls_after) >= MIN_URLS
    must_cover(urls_after, world)
    assert not uncovered(before, pairs, roles)
    assert not uncovered(after, pairs_after, roles)

    leaks = literal_leaks(after, world)
    revealed = identity_leaks(before, after, world)
    changed = differences(before, after, set(roles) - set(OWN))
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
