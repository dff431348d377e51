"""Who may do what to which need. Permission is always against the need's community."""

from marketplace import rules as core


def can_review(need, user) -> bool:
    """Community staff of the need's community (or a place above it)."""
    return core.is_staff_for(user, need.community)


def is_author(need, user) -> bool:
    return bool(user and user.is_authenticated and need.author_id == user.pk)


def decides_project(need, user) -> bool:
    return need.project is not None and core.can_decide(need.project, user)


def can_see(need, user) -> bool:
    from .models.need import PUBLIC_STATES

    return need.state in PUBLIC_STATES or is_author(need, user) or can_review(need, user)


def can_see_private(need, user) -> bool:
    """The rejection reason, the timeline's reasons and the (masked) contact."""
    return is_author(need, user) or can_review(need, user)


def can_see_contact(need, user) -> bool:
    """The full contact phone and the author's name (exports for calling back): reviewers only."""
    return can_review(need, user)


def can_export_list(user) -> bool:
    """The needs list as a file: community staff and purchasers (phones masked per need)."""
    from marketplace.models import Role

    return bool(core.roles(user) & {Role.COMMUNITY_STAFF, Role.PURCHASER})
