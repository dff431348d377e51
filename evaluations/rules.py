"""Who may do what to which delivery, log, evaluation party and payment (predicates)."""

from marketplace import rules as core
from marketplace.models import Role


def names_team(delivery, user) -> bool:
    """The delivering organisation's admin names the team and starts delivery."""
    return core.is_org_admin(user, delivery.contract.organisation)


def decides(delivery, user) -> bool:
    """The purchaser of the project (opens/closes evaluations, releases payments)."""
    return core.can_decide(delivery.project, user)


def starts(delivery, user) -> bool:
    return names_team(delivery, user) or decides(delivery, user)


def is_team_member(delivery, user, member_user_ids=None) -> bool:
    if not user or not user.is_authenticated:
        return False
    if member_user_ids is None:
        member_user_ids = set(delivery.team.values_list("user_id", flat=True))
    return user.pk in member_user_ids


def logs(delivery, user) -> bool:
    """Team members who still belong to the delivering organisation log delivery."""
    return core.is_member_of(user, delivery.contract.organisation) and is_team_member(
        delivery, user
    )


def is_independent_evaluator(user, organisation) -> bool:
    """A third-party evaluator: an evaluator or agency member with no tie to `organisation`."""
    if core.is_member_of(user, organisation):
        return False
    if core.has_role(user, Role.EVALUATOR):
        return True
    return any(
        ra.organisation is not None and ra.organisation.is_evaluation_agency
        for ra in core.assignments(user)
    )


def may_score(party, user, *, project, organisation) -> bool:
    """Whether `user` may give the score of `party` (the named scorer, and of the right kind)."""
    from .models import PartyKind

    if not user or not user.is_authenticated:
        return False
    if party.scorer_id is not None and party.scorer_id != user.pk:
        return False
    if party.kind == PartyKind.THIRD_PARTY:
        return party.scorer_id is not None and is_independent_evaluator(user, organisation)
    if party.kind == PartyKind.PURCHASER:
        return core.can_decide(project, user)
    # Community staff give the community's score and record the residents' survey result.
    return core.is_staff_for(user, project.community)


# Volunteers (志愿者). Phone and ID number are masked for everyone except the volunteer
# (through the linked account) and the registering organisation's admins: they registered
# the person, answer for the record and issue the certificates. A volunteer who registered
# themselves has no registering organisation: only they see their full data.
def registers_volunteers(organisation, user) -> bool:
    """Admins and members of a social organisation register its volunteers."""
    return core.is_member_of(user, organisation)


def serves_area(organisation, community) -> bool:
    """An organisation registers volunteers for communities in its own area."""
    return organisation.place.contains(community)


def self_registers(user) -> bool:
    """Residents register themselves as volunteers."""
    return core.has_role(user, Role.RESIDENT)


def is_the_volunteer(volunteer, user) -> bool:
    return bool(user and user.is_authenticated and volunteer.user_id == user.pk)


def sees_volunteer_identity(volunteer, user) -> bool:
    """Unmasked phone and ID number: the volunteer and the registering organisation's admins."""
    return is_the_volunteer(volunteer, user) or core.is_org_admin(user, volunteer.organisation)


def serves_staff_communities(volunteer, user) -> bool:
    """Community staff of one of the communities the volunteer serves (they verify it)."""
    if not core.places_for(user, Role.COMMUNITY_STAFF):
        return False
    return any(core.is_staff_for(user, c) for c in volunteer.communities.all())


def corrects_volunteer(volunteer, user) -> bool:
    """Name, phone, skills and communities (never the ID number): the registering
    organisation's admins, or for a self-registered volunteer the staff of its communities."""
    if volunteer.organisation_id:
        return core.is_org_admin(user, volunteer.organisation)
    return serves_staff_communities(volunteer, user)


def views_volunteer(volunteer, user) -> bool:
    """The record (masked): the volunteer, the registering organisation's members and the
    staff of the communities it serves."""
    return (
        is_the_volunteer(volunteer, user)
        or core.is_member_of(user, volunteer.organisation)
        or serves_staff_communities(volunteer, user)
    )


def records_volunteer_hours(delivery, user) -> bool:
    """Members of the organisation that ran the activity record hours (not the volunteers)."""
    return core.is_member_of(user, delivery.contract.organisation)


def issues_certificate(organisation, user) -> bool:
    """A certificate is issued in the organisation's name by one of its admins."""
    return core.is_org_admin(user, organisation)


def views_certificate(certificate, user) -> bool:
    return is_the_volunteer(certificate.volunteer, user) or core.is_member_of(
        user, certificate.organisation
    )


def adds_evidence(delivery, user) -> bool:
    return logs(delivery, user)


def views_evidence(delivery, user, *, scores_it=False) -> bool:
    """Evidence (photos of people, sign-in sheets) is not public like the delivery page:
    the project's community staff, purchaser, delivering organisation and its evaluators."""
    return core.can_view_project(delivery.project, user) or scores_it
