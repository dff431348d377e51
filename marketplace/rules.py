"""Who may do what to which object. Predicates only: no queries beyond the user's roles.

A role scoped to a place covers that place and everything below it; a role scoped to
an organisation covers that organisation. Superusers get no workflow powers here.
"""

from .models.user import ORGANISATION_ROLES, Role


def assignments(user):
    """The user's role assignments, loaded once per user object."""
    if not user or not user.is_authenticated:
        return []
    cached = getattr(user, "_role_cache", None)
    if cached is None:
        cached = list(user.role_assignments.select_related("place", "organisation"))
        user._role_cache = cached
    return cached


def has_role(user, role, *, place=None, organisation=None) -> bool:
    for ra in assignments(user):
        if ra.role != role:
            continue
        if organisation is not None and ra.organisation_id != organisation.pk:
            continue
        if place is not None and ra.place is not None and not ra.place.contains(place):
            continue
        return True
    return False


def roles(user) -> set[str]:
    return {ra.role for ra in assignments(user)}


def places_for(user, role) -> list:
    return [ra.place for ra in assignments(user) if ra.role == role and ra.place]


def organisation_ids(user, roles_=ORGANISATION_ROLES) -> set[int]:
    return {ra.organisation_id for ra in assignments(user) if ra.role in roles_}


def is_member_of(user, organisation) -> bool:
    return organisation is not None and organisation.pk in organisation_ids(user)


def is_org_admin(user, organisation) -> bool:
    return organisation is not None and organisation.pk in organisation_ids(user, {Role.ORG_ADMIN})


def is_staff_for(user, place) -> bool:
    return has_role(user, Role.COMMUNITY_STAFF, place=place)


def is_purchaser_for(user, place) -> bool:
    return has_role(user, Role.PURCHASER, place=place)


# Project (项目) predicates, used as transition permissions.
def can_design(project, user) -> bool:
    return is_staff_for(user, project.community)


def can_decide(project, user) -> bool:
    return is_purchaser_for(user, project.purchaser_place or project.community)


def delivers(project, user) -> bool:
    return is_member_of(user, project.organisation)


def can_see_design_versions(project, user) -> bool:
    """Submitted versions and the purchaser's return comments: the designers and deciders."""
    return can_design(project, user) or can_decide(project, user)


def can_view_project(project, user) -> bool:
    return can_design(project, user) or can_decide(project, user) or delivers(project, user)


# Registers (places, organisations): kept by the province.
def register_places(user) -> list:
    """Places within which `user` may import places and organisations (None: everywhere).

    `user` is None only for an operator's management command (import_data without --user).
    """
    if user is None or user.is_superuser:
        return None
    from .models import PlaceLevel

    return [
        ra.place
        for ra in assignments(user)
        if ra.role in (Role.COMMUNITY_STAFF, Role.PURCHASER)
        and ra.place is not None
        and ra.place.level == PlaceLevel.PROVINCE
    ]


def can_manage_registers(user) -> bool:
    """Superusers, and community staff or purchasers at province level."""
    places = register_places(user)
    return places is None or bool(places)


def manages_register_at(user, place) -> bool:
    places = register_places(user)
    return places is None or any(p.contains(place) for p in places)


def can_export_registers(user) -> bool:
    """Lists of places and organisations: superusers, community staff and purchasers."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or bool(roles(user) & {Role.COMMUNITY_STAFF, Role.PURCHASER})
