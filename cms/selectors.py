"""Reads for the public pages. Each returns in a constant number of queries."""

import datetime

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models.functions import Substr
from django.utils import timezone

from marketplace import clock
from marketplace.models import Organisation, Place, PlaceLevel, Project
from marketplace.models.project import ProjectState
from marketplace.selectors import place_steps, top_place

from .forms import NoticeFilterForm
from .models import NoticePage

HOME_LIST_SIZE = 5


def latest_notices(limit: int = HOME_LIST_SIZE):
    return (
        NoticePage.objects.live()
        .public()
        .select_related("place")
        .order_by("-step_at", "-pk")[:limit]
    )


def open_tenders(limit: int = HOME_LIST_SIZE):
    from tenders.models import Tender, TenderState

    return (
        Tender.objects.filter(state=TenderState.PUBLISHED, deadline__gt=clock.now())
        .select_related("project__community")
        .order_by("deadline", "pk")[:limit]
    )


def completed_projects(limit: int = HOME_LIST_SIZE):
    return (
        Project.objects.filter(state=ProjectState.COMPLETED)
        .select_related("community", "organisation")
        .order_by("-updated_at", "-pk")[:limit]
    )


def _count(label: str) -> int | None:
    """Rows of a model that another app may not have yet (needs are written in parallel)."""
    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    return model.objects.count()


def headline_figures() -> list[tuple[str, object]]:
    """Live: needs received, projects, organisations, volunteers, service hours, average
    satisfaction."""
    from django.utils.translation import gettext as _

    from evaluations.selectors import volunteer_figures

    from .figures import average_satisfaction, plain, service_hours_total

    satisfaction = average_satisfaction()
    figures = [
        (_("收到居民需求"), _count("needs.Need")),
        (_("服务项目"), Project.objects.count()),
        (_("社会组织"), Organisation.objects.count()),
        (_("注册志愿者"), volunteer_figures()["registered"]),
        (_("服务时长（小时）"), plain(service_hours_total())),
        (_("平均满意度（分）"), plain(satisfaction) if satisfaction is not None else "—"),
    ]
    return [(label, value) for label, value in figures if value is not None]


def home_context() -> dict:
    return {
        "notices": list(latest_notices()),
        "tenders": list(open_tenders()),
        "completed": list(completed_projects()),
        "figures": headline_figures(),
        "cases": list(latest_cases()),
    }


def notice_places():
    """The prefectures and counties that have notices (for the place filter): two queries."""
    counties = set(
        NoticePage.objects.live()
        .exclude(place=None)
        .annotate(county=Substr("place__code", 1, 6))
        .values_list("county", flat=True)
        .distinct()
    )
    codes = {f"{c:0<12}" for c in counties} | {f"{c[:4]:0<12}" for c in counties}
    return list(
        Place.objects.filter(
            level__in=[PlaceLevel.PREFECTURE, PlaceLevel.COUNTY], code__in=codes
        ).order_by("code")
    )


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def notices_filtered(index, data):
    """The form and the notices it selects; bad filters select none (the form says why)."""
    form = NoticeFilterForm(data or None, places=notice_places())
    notices = (
        NoticePage.objects.child_of(index)
        .live()
        .public()
        .select_related("place")
        .order_by("-step_at", "-pk")
    )
    if not form.is_bound:
        return form, notices
    if not form.is_valid():
        return form, notices.none()
    filters = form.cleaned_data
    if filters["kind"]:
        notices = notices.filter(kind=filters["kind"])
    if filters["place"]:
        notices = notices.filter(place__code__startswith=filters["place"].prefix)
    if filters["date_from"]:
        notices = notices.filter(step_at__gte=_day_start(filters["date_from"]))
    if filters["date_to"]:
        end = filters["date_to"] + datetime.timedelta(days=1)
        notices = notices.filter(step_at__lt=_day_start(end))
    return form, notices


def notice_list_context(index, data) -> dict:
    form, notices = notices_filtered(index, data)
    page = Paginator(notices, index.per_page).get_page(data.get("page"))
    query = data.copy()
    query.pop("page", None)
    return {"form": form, "notices": page, "query": query.urlencode()}


# Model cases, places, home figures.
def latest_cases(limit: int = HOME_LIST_SIZE):
    from .models import CasePage

    return (
        CasePage.objects.live()
        .public()
        .select_related("project__community")
        .order_by("-first_published_at", "-pk")[:limit]
    )


def case_list_context(index, data) -> dict:
    from .models import CasePage

    cases = (
        CasePage.objects.child_of(index)
        .live()
        .public()
        .select_related("project__community", "project__organisation")
        .order_by("-first_published_at", "-pk")
    )
    return {"cases": Paginator(cases, index.per_page).get_page(data.get("page"))}


PLACE_PAGE_SIZE = 20


def public_projects_in(place):
    from marketplace.selectors import PUBLIC_PROJECT_STATES

    return (
        Project.objects.filter(
            community__code__startswith=place.prefix, state__in=PUBLIC_PROJECT_STATES
        )
        .select_related("community", "organisation")
        .order_by("-updated_at", "-pk")
    )


def place_context(code: str, data) -> dict:
    """A place, the way up to the province, the places below it and its public projects."""
    from django.shortcuts import get_object_or_404

    place = get_object_or_404(Place, code=code)
    up, below = place_steps(place)
    projects = Paginator(public_projects_in(place), PLACE_PAGE_SIZE).get_page(data.get("page"))
    return {"place": place, "ancestors": up, "children": below, "projects": projects}


def province_code() -> str:
    province = top_place()
    return province.code if province else "530000000000"
