"""Reads for core pages."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from . import rules
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
from .models.place import PREFIX_LENGTH

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


def public_organisations(*, query: str = ""):
    orgs = Organisation.objects.select_related("place").order_by("name")
    if query:
        orgs = orgs.filter(Q(name__icontains=query) | Q(credit_code__iexact=query))
    return orgs


def organisation_members(org):
    return RoleAssignment.objects.filter(organisation=org).select_related("user").order_by("role")


def place_steps(place) -> tuple[list, list]:
    """A place picker's step (works without JavaScript): the way up from `place` to the
    province, top first, and the places right below it. Two queries at any size."""
    codes = [f"{place.code[: PREFIX_LENGTH[level]]:0<12}" for level in range(1, place.level)]
    up = list(Place.objects.filter(code__in=codes).order_by("level")) if codes else []
    below = list(place.children.order_by("code")) if not place.is_community else []
    return up, below


def top_place():
    """Where a place picker starts: the (first) province."""
    return Place.objects.filter(level=PlaceLevel.PROVINCE).order_by("code").first()
