"""Reads for core pages."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from . import rules
from .design_versions import budget_total as design_budget_total
from .models import (
    Organisation,
    Place,
    PlaceLevel,
    Project,
    ProjectState,
    Role,
    RoleAssignment,
    TransitionRecord,
)

PUBLIC_PROJECT_STATES = [
    s
    for s in ProjectState.values
    if s not in {ProjectState.DRAFT, ProjectState.SUBMITTED, ProjectState.RETURNED}
]


def labelled(records, model) -> list:
    """Records with the names of their states (`source_label`, `target_label`)."""
    labels = {str(k): v for k, v in model._meta.get_field("state").flatchoices}
    records = list(records)
    for r in records:
        r.source_label = labels.get(r.source, r.source)
        r.target_label = labels.get(r.target, r.target)
    return records


def records_of(obj):
    """The object's transition records (a queryset: filter and order as needed)."""
    return TransitionRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    )


def timeline_for(obj) -> list:
    """The object's transition records, oldest first, with who acted and state names."""
    return labelled(records_of(obj).select_related("by"), type(obj))


def projects_for_user(user):
    """Projects the user designs, decides on or delivers (for "my work")."""
    scope = Q(pk__in=[])
    for place in rules.places_for(user, Role.COMMUNITY_STAFF):
        scope |= Q(community__code__startswith=place.prefix)
    for place in rules.places_for(user, Role.PURCHASER):
        scope |= Q(purchaser_place__code__startswith=place.prefix)
    org_ids = rules.organisation_ids(user)
    if org_ids:
        scope |= Q(organisation_id__in=org_ids)
    return Project.objects.filter(scope).select_related("community").order_by("-updated_at")


def can_see_project(project, user) -> bool:
    return project.state in PUBLIC_PROJECT_STATES or rules.can_view_project(project, user)


def design_versions(project) -> list:
    """The project's submitted design versions, oldest first, each with `budget_total` and
    `returns`: the return-for-revision record that followed it (two queries in all).

    A design can only be returned while submitted, and a returned one is only submitted again,
    so the n-th return answers the n-th version (clock ties cannot mix them up)."""
    versions = list(project.design_versions.select_related("submitted_by").order_by("number"))
    returns = list(
        records_of(project)
        .filter(transition="return_design")
        .select_related("by")
        .order_by("at", "pk")
    )
    for i, version in enumerate(versions):
        version.budget_total = design_budget_total(version.snapshot)
        version.returns = returns[i : i + 1]
    return versions


def public_organisations(*, query: str = ""):
    orgs = Organisation.objects.select_related("place").order_by("name")
    if query:
        orgs = orgs.filter(Q(name__icontains=query) | Q(credit_code__iexact=query))
    return orgs


def organisation_members(org):
    return RoleAssignment.objects.filter(organisation=org).select_related("user").order_by("role")


def holders_of(role, places) -> list:
    """The users holding a place-scoped `role` at any of `places` or above them (one query):
    e.g. the community staff who serve a set of communities."""
    codes = {code for place in places for code in (place.code, *place.ancestor_codes())}
    return list(
        get_user_model()
        .objects.filter(
            role_assignments__role=role, role_assignments__place__code__in=codes, is_active=True
        )
        .distinct()
        .order_by("pk")
    )


def place_steps(place) -> tuple[list, list]:
    """A place picker's step (works without JavaScript): the way up from `place` to the
    province, top first, and the places right below it. Two queries at any size."""
    codes = place.ancestor_codes()
    up = list(Place.objects.filter(code__in=codes).order_by("level")) if codes else []
    below = list(place.children.order_by("code")) if not place.is_community else []
    return up, below


def top_place():
    """Where a place picker starts: the (first) province."""
    return Place.objects.filter(level=PlaceLevel.PROVINCE).order_by("code").first()
