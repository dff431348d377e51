"""Reads for need pages. Each returns a queryset whose page runs a constant number of queries."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from marketplace import rules as core
from marketplace.models import (
    Organisation,
    Place,
    PlaceLevel,
    Project,
    ProjectState,
    Role,
    TransitionRecord,
)
from marketplace.selectors import labelled as core_labelled

from .models import (
    Consultation,
    ConsultationDecision,
    ConsultationParticipant,
    Decision,
    Endorsement,
    Follow,
    Need,
    NeedState,
    ParticipantKind,
)
from .models.need import PUBLIC_STATES

SORTS = {"new": ["-created_at", "-pk"], "endorsed": ["-endorsement_count", "-created_at", "-pk"]}


def public_needs(
    *,
    place: Place | None = None,
    category: str = "",
    state: str = "",
    q: str = "",
    sort: str = "new",
):
    """Needs anyone may read, filtered; `q` matches title or description (works for Chinese)."""
    qs = Need.objects.filter(state__in=PUBLIC_STATES).exclude(state=NeedState.MERGED)
    if place is not None:
        qs = qs.filter(community__code__startswith=place.prefix)
    if category:
        qs = qs.filter(category=category)
    if state in PUBLIC_STATES:
        qs = qs.filter(state=state)
    for word in q.split()[:5]:
        qs = qs.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return qs.select_related("community", "author").order_by(*SORTS.get(sort, SORTS["new"]))


def filter_places(selected: Place | None):
    """Places offered by the place filter: levels 1–3, then the chosen place's children."""
    top = list(Place.objects.filter(level__lte=PlaceLevel.COUNTY).only("code", "name", "level"))
    children = []
    if selected is not None and selected.level >= PlaceLevel.COUNTY:
        children = list(selected.children.only("code", "name", "level"))
    return top, children


def staff_communities(user) -> list[Place]:
    return [p for p in core.places_for(user, Role.COMMUNITY_STAFF)]


def staff_scope(user) -> Q:
    """Rows whose `community` lies in one of the staff member's places."""
    scope = Q(pk__in=[])
    for place in staff_communities(user):
        scope |= Q(community__code__startswith=place.prefix)
    return scope


def review_queue(user):
    return (
        Need.objects.filter(staff_scope(user), state=NeedState.SUBMITTED)
        .select_related("community", "author")
        .order_by("created_at", "pk")
    )


def merge_targets(user):
    """Needs the review queue may merge into: published, in the staff member's communities."""
    return (
        Need.objects.filter(staff_scope(user), state=NeedState.PUBLISHED)
        .select_related("community")
        .order_by("community__code", "-created_at")
    )


MERGE_CHOICES = 200


def merge_targets_for(need) -> list:
    """Published needs of the need's community it may join (most endorsed first), itself
    excluded; one query, at most MERGE_CHOICES of them."""
    return list(
        Need.objects.filter(community_id=need.community_id, state=NeedState.PUBLISHED)
        .exclude(pk=need.pk)
        .only("pk", "state", "title", "endorsement_count", "created_at")
        .order_by("-endorsement_count", "-created_at", "-pk")[:MERGE_CHOICES]
    )


def form_communities(user, picked: str = "") -> list[Place]:
    """Communities the need form offers: the user's own and their street's, and the one
    picked from the place tree (by its code). One query."""
    own = core.places_for(user, Role.RESIDENT) + core.places_for(user, Role.COMMUNITY_STAFF)
    streets = {p.parent_id for p in own if p.is_community} | {
        p.pk for p in own if p.level == PlaceLevel.TOWNSHIP
    }
    scope = Q(parent_id__in=streets)
    if picked.isdigit() and len(picked) == 12:
        scope |= Q(code=picked)
    return list(Place.objects.communities().filter(scope).order_by("code"))


def agenda_needs(community: Place):
    """Published needs of a community, for a consultation's agenda."""
    return Need.objects.filter(community=community, state=NeedState.PUBLISHED).order_by(
        "-endorsement_count", "-created_at"
    )


def eligible_needs(community: Place, project=None):
    """Needs a design may link: published with a go-forward decision, or already linked."""
    go = ConsultationDecision.objects.filter(need=OuterRef("pk"), decision=Decision.GO_FORWARD)
    scope = Q(state=NeedState.PUBLISHED) & Q(Exists(go))
    if project is not None:
        scope |= Q(project=project, state=NeedState.ADOPTED)
    return Need.objects.filter(scope, community=community).order_by("-endorsement_count", "pk")


def my_needs(user):
    return (
        Need.objects.filter(author=user)
        .select_related("community", "project", "merged_into")
        .order_by("-created_at", "-pk")
    )


def labelled(records) -> list:
    """Need transition records with the Chinese names of their states."""
    return core_labelled(records, Need)


# The project's steps a need's author follows (after the need was adopted into it).
PROJECT_STEPS = [
    ProjectState.APPROVED,
    ProjectState.TENDERING,
    ProjectState.CONTRACTED,
    ProjectState.IN_DELIVERY,
    ProjectState.UNDER_EVALUATION,
    ProjectState.COMPLETED,
    ProjectState.TERMINATED,
]


def timelines(needs) -> dict[int, list]:
    """Each need's records and its project's later steps, in two queries: {need id: [...]}.

    Project records carry `project_step = True` so the timeline can say which is which.
    """
    needs = list(needs)
    records = TransitionRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(Need), object_id__in=[n.pk for n in needs]
    ).select_related("by")
    grouped = defaultdict(list)
    for r in labelled(records):
        grouped[r.object_id].append(r)
    by_project = defaultdict(list)
    for n in needs:
        if n.project_id:
            by_project[n.project_id].append(n.pk)
    steps = TransitionRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(Project),
        object_id__in=list(by_project),
        target__in=PROJECT_STEPS,
    )
    for r in core_labelled(steps, Project) if by_project else []:
        r.project_step = True
        for need_id in by_project[r.object_id]:
            grouped[need_id].append(r)
    for rows in grouped.values():
        rows.sort(key=lambda r: (r.at, r.pk))
    return grouped


def user_marks(need, user) -> dict:
    """Whether the user endorsed / follows this need (two cheap queries, none when anonymous)."""
    if not user.is_authenticated:
        return {"endorsed": False, "following": False}
    return {
        "endorsed": Endorsement.objects.filter(need=need, user=user).exists(),
        "following": Follow.objects.filter(need=need, user=user).exists(),
    }


def consultations_for(user):
    """Consultations held in the staff member's communities, newest first, with counts."""
    return (
        Consultation.objects.filter(staff_scope(user))
        .select_related("community", "held_by")
        .annotate(
            agenda=Count("decisions"),
            forward=Count("decisions", filter=Q(decisions__decision=Decision.GO_FORWARD)),
        )
        .order_by("-date", "-pk")
    )


def consultations_with_participants(user):
    """The staff member's consultations with their participants (for the export)."""
    rows = ConsultationParticipant.objects.select_related("organisation").order_by("pk")
    return consultations_for(user).prefetch_related(Prefetch("participants", queryset=rows))


def participant_groups(consultation) -> list[dict]:
    """The participants grouped by kind, in the kinds' order, each group with its count."""
    rows = list(consultation.participants.select_related("organisation").order_by("pk"))
    return [
        {"kind": kind, "label": kind.label, "people": people, "count": len(people)}
        for kind in ParticipantKind
        if (people := [p for p in rows if p.kind == kind])
    ]


def participant_organisations(community: Place):
    """Organisations offered for a community's consultation: registered in its county or at a
    place above it (city, province)."""
    above = [community.code[:n].ljust(12, "0") for n in (2, 4)]
    return Organisation.objects.filter(
        Q(place__code__startswith=community.code[:6]) | Q(place__code__in=above)
    ).order_by("name")


def consultation_decisions(consultation):
    return consultation.decisions.select_related("need", "need__project").order_by("pk")


def decisions_for(need):
    return need.decisions.select_related("consultation").order_by("-consultation__date", "-pk")


def followed_needs(user):
    """Needs the user follows (not their own), latest first."""
    return (
        Need.objects.filter(follows__user=user)
        .exclude(author=user)
        .select_related("community")
        .order_by("-created_at", "-pk")
    )


def needs_awaiting_consultation(user):
    """Published needs in the user's communities that no consultation has decided yet."""
    decided = ConsultationDecision.objects.filter(need=OuterRef("pk"))
    return (
        Need.objects.filter(staff_scope(user), state=NeedState.PUBLISHED)
        .exclude(Exists(decided))
        .select_related("community")
        .order_by("-endorsement_count", "created_at", "pk")
    )


def designs_returned(user):
    """Project designs the purchaser returned to the user's communities for revision."""
    from marketplace.models import Project, ProjectState

    scope = Q(pk__in=[])
    for place in staff_communities(user):
        scope |= Q(community__code__startswith=place.prefix)
    return (
        Project.objects.filter(scope, state=ProjectState.RETURNED)
        .select_related("community")
        .order_by("-updated_at", "-pk")
    )
