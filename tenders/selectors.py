"""Reads for tender pages, panels and tasks. Bid secrecy is enforced here and in rules."""

from collections import defaultdict

from django.db.models import Q

from marketplace import clock
from marketplace import rules as core_rules
from marketplace.models import Role, User

from . import scoring
from .models import Bid, BidState, PanelMember, Score, Tender, TenderState
from .models.bid import OPENED_STATES
from .rules import BIDDER_ROLES, bidder_organisation_ids

PUBLIC_STATES = [s for s in TenderState.values if s != TenderState.DRAFT]


def public_tenders():
    """Tenders anyone may see (never with any bid information)."""
    return (
        Tender.objects.filter(state__in=PUBLIC_STATES)
        .select_related("project__community")
        .order_by("-published_at", "-pk")
    )


ACCEPTING_STATES = [TenderState.PUBLISHED, TenderState.CLARIFICATION]


def open_tenders():
    """Tenders still accepting bids: published and before their deadline (the scheduler
    closes them at the deadline; until it has run they must not look open)."""
    return (
        public_tenders()
        .filter(state__in=ACCEPTING_STATES, deadline__gt=clock.now())
        .order_by("deadline", "pk")
    )


def bids_visible_to(user, tender: Tender):
    """Before opening: only the user's own organisations' bids. After: the opened bids too."""
    own = bidder_organisation_ids(user) | core_rules.organisation_ids(user)
    mine = Q(organisation_id__in=own)
    qs = Bid.objects.filter(tender=tender).select_related("organisation")
    if tender.is_sealed:
        return qs.filter(mine)
    return qs.filter(mine | Q(state__in=OPENED_STATES))


def opened_bids(tender: Tender):
    """The bid-opening record (开标记录): organisation, price and digest of each opened bid."""
    if tender.is_sealed:
        return Bid.objects.none()
    return (
        Bid.objects.filter(tender=tender, state__in=OPENED_STATES)
        .select_related("organisation")
        .order_by("pk")
    )


def my_live_bid(user, tender: Tender) -> Bid | None:
    own = bidder_organisation_ids(user)
    return (
        Bid.objects.filter(tender=tender, organisation_id__in=own, state=BidState.SUBMITTED)
        .select_related("organisation")
        .first()
    )


def ranking_for(tender: Tender) -> list[scoring.Result]:
    """Rank the bids the panel found eligible from the seated panel's scores (pure scoring)."""
    from .panel_selectors import qualified_bid_ids

    qualified = qualified_bid_ids(tender)
    bids = list(tender.valid_bids().filter(pk__in=qualified).values_list("pk", "price"))
    criteria = list(tender.criteria.values_list("pk", flat=True))
    table: dict[int, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    rows = Score.objects.filter(
        member__tender=tender, member__has_conflict=False, bid_id__in=qualified
    ).values_list("bid_id", "criterion_id", "value")
    for bid_id, criterion_id, value in rows:
        table[bid_id][criterion_id].append(value)
    return scoring.rank(
        [scoring.BidScores(bid_id=pk, price=price, scores=table[pk]) for pk, price in bids],
        criteria,
        tender.price_weight,
    )


def ranking_rows(tender: Tender) -> list[dict]:
    """The ranking with the organisations' names, for pages (after opening only)."""
    if tender.is_sealed:
        return []
    results = ranking_for(tender)
    names = dict(
        Bid.objects.filter(pk__in=[r.bid_id for r in results]).values_list(
            "pk", "organisation__name"
        )
    )
    return [{"result": r, "organisation": names[r.bid_id]} for r in results]


def organisation_people(organisation) -> list[User]:
    return list(
        User.objects.filter(
            role_assignments__organisation=organisation, role_assignments__role__in=BIDDER_ROLES
        ).distinct()
    )


def people_to_tell_at_opening(tender: Tender) -> list[User]:
    """Purchasers of the project's place and every organisation that took part (post-opening)."""
    place = tender.project.purchaser_place or tender.project.community
    purchasers = [
        ra.user
        for ra in _purchaser_assignments()
        if ra.place is not None and ra.place.contains(place)
    ]
    orgs = Bid.objects.filter(tender=tender, state__in=OPENED_STATES).values("organisation_id")
    bidders = User.objects.filter(
        role_assignments__organisation_id__in=orgs, role_assignments__role__in=BIDDER_ROLES
    ).distinct()
    return list({u.pk: u for u in [*purchasers, *bidders]}.values())


def _purchaser_assignments():
    from marketplace.models import RoleAssignment

    return RoleAssignment.objects.filter(role=Role.PURCHASER).select_related("user", "place")


def panel_of(tender: Tender):
    return tender.panel.select_related("evaluator").order_by("pk")


def seat_of(user, tender: Tender) -> PanelMember | None:
    if not user.is_authenticated:
        return None
    return tender.panel.filter(evaluator=user).first()


def decided_by(user, project_path: str = "project") -> Q:
    """Rows whose project the user decides on (its purchaser place is in the user's scope)."""
    scope = Q(pk__in=[])
    for place in core_rules.places_for(user, Role.PURCHASER):
        scope |= Q(**{f"{project_path}__purchaser_place__code__startswith": place.prefix})
    return scope


def tenders_for_purchaser(user):
    """Tenders of projects the user decides on, open for action (not finished)."""
    done = [TenderState.CONTRACTED, TenderState.FAILED, TenderState.CANCELLED]
    return (
        Tender.objects.filter(decided_by(user))
        .exclude(state__in=done)
        .select_related("project")
        .order_by("deadline")
    )


def approved_projects_for_purchaser(user):
    from marketplace.models import Project, ProjectState

    scope = Q(pk__in=[])
    for place in core_rules.places_for(user, Role.PURCHASER):
        scope |= Q(purchaser_place__code__startswith=place.prefix)
    return Project.objects.filter(scope, state=ProjectState.APPROVED).order_by("-pk")


def bids_of_user_organisations(user):
    own = bidder_organisation_ids(user)
    return (
        Bid.objects.filter(organisation_id__in=own)
        .select_related("tender", "organisation")
        .order_by("-submitted_at")
    )


def seats_of(user):
    return (
        PanelMember.objects.filter(evaluator=user)
        .exclude(tender__state__in=[TenderState.CONTRACTED, TenderState.CANCELLED])
        .select_related("tender")
        .order_by("-pk")
    )


def designs_to_approve(user):
    """Project designs submitted to the user's purchaser places, oldest first."""
    from marketplace.models import Project, ProjectState

    scope = Q(pk__in=[])
    for place in core_rules.places_for(user, Role.PURCHASER):
        scope |= Q(purchaser_place__code__startswith=place.prefix)
    return (
        Project.objects.filter(scope, state=ProjectState.SUBMITTED)
        .select_related("community")
        .order_by("updated_at", "pk")
    )


def eligible_open_tenders(user):
    """Open tenders one of the user's organisations may bid on (not in bad credit, and not
    the organisation of the project's designer); each marked `has_bid` when one is in."""
    from django.db.models import Exists, OuterRef

    from marketplace.models import Organisation, RoleAssignment

    own = bidder_organisation_ids(user)
    good = list(
        Organisation.objects.filter(pk__in=own, bad_credit=False).values_list("pk", flat=True)
    )
    if not good:
        return Tender.objects.none()
    designer_tied = RoleAssignment.objects.filter(
        user_id=OuterRef("project__designer_id"), organisation_id__in=good
    )
    live = Bid.objects.filter(
        tender=OuterRef("pk"), organisation_id__in=good, state=BidState.SUBMITTED
    )
    return (
        open_tenders()
        .exclude(Exists(designer_tied))
        .annotate(has_bid=Exists(live))
        .filter(deadline__gt=clock.now())
    )


def contracts_of_user_organisations(user):
    from .models import Contract

    return (
        Contract.objects.filter(organisation_id__in=core_rules.organisation_ids(user))
        .select_related("project", "organisation")
        .order_by("-created_at", "-pk")
    )
