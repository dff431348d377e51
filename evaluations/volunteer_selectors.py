"""Reads for volunteers (志愿者): lists, hours, certificates and figures (constant queries)."""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, Subquery, Sum

from marketplace import clock
from marketplace import rules as core
from marketplace.models import Place, PlaceLevel, Role

from .models import LogEvidence, Volunteer, VolunteerCertificate, VolunteerService, VolunteerState


def volunteers_for(user, community: str = ""):
    """The volunteers a user may list, with total hours and last activity: those registered
    by or serving with the user's organisations, those serving the communities the user is
    staff of, and the user's own record. `community` (a code) narrows to one community."""
    if not user.is_authenticated:
        return Volunteer.objects.none()
    org_ids = core.organisation_ids(user)
    visible = Q(user=user)
    if org_ids:
        visible |= Q(organisation_id__in=org_ids) | Q(
            pk__in=VolunteerService.objects.filter(organisation_id__in=org_ids).values(
                "volunteer_id"
            )
        )
    staff_places = _staff_communities(user)
    if staff_places is not None:
        visible |= Q(
            pk__in=Volunteer.communities.through.objects.filter(place__in=staff_places).values(
                "volunteer_id"
            )
        )
    volunteers = Volunteer.objects.filter(visible)
    if community:
        volunteers = volunteers.filter(
            pk__in=Volunteer.communities.through.objects.filter(place__code=community).values(
                "volunteer_id"
            )
        )
    services = VolunteerService.objects.filter(volunteer=OuterRef("pk")).order_by()
    return (
        volunteers.select_related("organisation")
        .annotate(
            total_hours=Subquery(
                services.values("volunteer").annotate(s=Sum("hours")).values("s")[:1]
            ),
            last_activity=Subquery(services.order_by("-started_at").values("started_at")[:1]),
        )
        .order_by("-registered_at", "-pk")
    )


def volunteer_list_communities(volunteers):
    """The communities the listed volunteers serve (the page's filter choices)."""
    return (
        Place.objects.filter(
            pk__in=Volunteer.communities.through.objects.filter(
                volunteer__in=volunteers.values("pk")
            ).values("place_id")
        )
        .only("code", "name")
        .order_by("code")
    )


def volunteer_service_org_ids(volunteer) -> set[int]:
    return set(
        VolunteerService.objects.filter(volunteer=volunteer)
        .values_list("organisation_id", flat=True)
        .distinct()
    )


def services_of(volunteer):
    return VolunteerService.objects.filter(volunteer=volunteer).select_related(
        "log__delivery__project", "organisation"
    )


def certificates_of(volunteer):
    return VolunteerCertificate.objects.filter(volunteer=volunteer).select_related("organisation")


def volunteers_for_delivery(delivery):
    """Who may be picked for hours: registered by the delivering organisation or serving
    the project's community."""
    return (
        Volunteer.objects.filter(
            Q(organisation_id=delivery.contract.organisation_id)
            | Q(communities=delivery.project.community_id),
            state=VolunteerState.VERIFIED,
        )
        .distinct()
        .order_by("name", "pk")
    )


def log_volunteer_services(log, chain=None):
    from .selectors import log_history  # selectors re-exports this module

    chain = chain or log_history(log)
    return (
        VolunteerService.objects.filter(log__in=[v.pk for v in chain])
        .select_related("volunteer", "log")
        .order_by("started_at", "pk")
    )


def log_evidence(chain):
    """Evidence attached to every version of a log (a correction keeps the old evidence)."""
    return LogEvidence.objects.filter(log__in=[v.pk for v in chain]).select_related("log")


def volunteer_figures(place=None) -> dict:
    """Registered (verified) volunteers, those active in the last 12 months (serving communities in
    `place`'s subtree) and the hours they gave there (activities of projects in it)."""
    volunteers = Volunteer.objects.filter(state=VolunteerState.VERIFIED)  # not awaiting/refused
    services = VolunteerService.objects.all()
    if place is not None:
        volunteers = volunteers.filter(communities__code__startswith=place.prefix)
        services = services.filter(log__delivery__project__community__code__startswith=place.prefix)
    since = clock.now() - timedelta(days=365)
    counts = volunteers.aggregate(
        registered=Count("pk", distinct=True),
        active_12m=Count("pk", distinct=True, filter=Q(services__started_at__gte=since)),
    )
    hours = services.aggregate(h=Sum("hours"))["h"] or Decimal("0")
    return {
        "registered": counts["registered"],
        "active_12m": counts["active_12m"],
        "hours": hours,
    }


def certificate_by_code(code):
    return (
        VolunteerCertificate.objects.select_related("volunteer", "organisation")
        .filter(code=code.upper())
        .first()
    )


def communities_open_to(user):
    """Communities a resident may serve as a self-registered volunteer: those of the
    streets (townships) where the resident lives."""
    q = Q()
    for place in core.places_for(user, Role.RESIDENT):
        area = place.parent if place.level == PlaceLevel.COMMUNITY and place.parent else place
        q |= Q(code__startswith=area.prefix)
    if not q:
        return Place.objects.none()
    return Place.objects.filter(q, level=PlaceLevel.COMMUNITY).order_by("code")


def volunteer_of(user):
    """The user's own volunteer record, if any."""
    if not user.is_authenticated:
        return None
    return Volunteer.objects.filter(user=user).first()


def _staff_communities(user):
    """The communities in the staff member's places (a queryset), or None for non-staff."""
    q = Q()
    for place in core.places_for(user, Role.COMMUNITY_STAFF):
        q |= Q(code__startswith=place.prefix)
    return Place.objects.filter(q, level=PlaceLevel.COMMUNITY).order_by("code") if q else None


def volunteers_to_verify(user):
    """Self-registered volunteers waiting for this community staff member to verify."""
    staff_places = _staff_communities(user)
    if staff_places is None:
        return Volunteer.objects.none()
    return Volunteer.objects.filter(
        state=VolunteerState.UNVERIFIED,
        pk__in=Volunteer.communities.through.objects.filter(place__in=staff_places).values(
            "volunteer_id"
        ),
    )


def correctable_communities(volunteer, user):
    """The communities a correction may choose: the registering organisation's area, or for
    a self-registered volunteer the person's street (the corrector's own communities when
    the account is gone)."""
    if volunteer.organisation_id:
        return Place.objects.within(volunteer.organisation.place).communities().order_by("code")
    if volunteer.user_id:
        return communities_open_to(volunteer.user)
    staff_places = _staff_communities(user)
    return Place.objects.none() if staff_places is None else staff_places


def volunteer_changes(volunteer, *, full: bool) -> list[dict]:
    """The corrections of a volunteer's record, newest first: who, when and each field's
    old → new value (phones masked unless `full`). Two queries."""
    from marketplace.masking import mask_phone

    rows = []
    for change in volunteer.changes.select_related("by"):
        fields = []
        for field, (old, new) in change.changes.items():
            if field == "communities":
                old, new = "、".join(old), "、".join(new)
            elif field == "phone" and not full:
                old, new = mask_phone(old), mask_phone(new)
            label = Volunteer._meta.get_field(field).verbose_name
            fields.append({"label": label, "old": old or "—", "new": new or "—"})
        rows.append({"by": change.by, "at": change.at, "fields": fields})
    return rows
