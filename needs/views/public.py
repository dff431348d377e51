"""Residents' pages: browse, read, post, endorse, follow, my needs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace import selectors as core_selectors
from marketplace.models import Place

from .. import rules, selectors
from ..forms import NeedForm
from ..models import Category, Need, NeedState
from ..models.need import PUBLIC_STATES
from ..services import needs as services
from ..services.photos import photos_add

PAGE_SIZE = 20


def need_list(request):
    code = request.GET.get("place", "")
    place = Place.objects.filter(code=code).first() if code.isdigit() else None
    q = request.GET.get("q", "").strip()[:50]
    sort = request.GET.get("sort", "new")
    needs = selectors.public_needs(
        place=place,
        category=request.GET.get("category", ""),
        state=request.GET.get("state", ""),
        q=q,
        sort=sort,
    )
    page = Paginator(needs, PAGE_SIZE).get_page(request.GET.get("page"))
    top, children = selectors.filter_places(place)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "place": place,
        "top_places": top,
        "child_places": children,
        "categories": Category.choices,
        "states": [(s, NeedState(s).label) for s in PUBLIC_STATES if s != NeedState.MERGED],
        "q": q,
        "sort": sort,
        "query": query.urlencode(),
        "can_export": rules.can_export_list(request.user),
    }
    return render(request, "needs/need_list.html", context)


def _need(pk):
    return get_object_or_404(
        Need.objects.select_related("community", "author", "project", "merged_into"), pk=pk
    )


def need_detail(request, pk):
    need = _need(pk)
    if not rules.can_see(need, request.user):
        raise Http404
    private = rules.can_see_private(need, request.user)
    context = {
        "need": need,
        "private": private,
        "reviewer": rules.can_review(need, request.user),
        "photos": need.photos.all(),
        "decisions": selectors.decisions_for(need),
        "timeline": core_selectors.timeline_for(need) if private else None,
        "can_withdraw": rules.is_author(need, request.user)
        and need.state in (NeedState.SUBMITTED, NeedState.PUBLISHED),
        "project_public": need.project
        and core_selectors.can_see_project(need.project, request.user),
        **selectors.user_marks(need, request.user),
    }
    return render(request, "needs/need_detail.html", context)


def _communities(user):
    from marketplace import rules as core
    from marketplace.models import Role

    own = core.places_for(user, Role.RESIDENT) + core.places_for(user, Role.COMMUNITY_STAFF)
    parents = {p.parent_id for p in own if p.is_community} | {p.pk for p in own}
    qs = Place.objects.communities()
    return qs.filter(parent_id__in=parents) if parents else qs.filter(code__startswith="5301")


@login_required
def need_create(request):
    from marketplace import rules as core
    from marketplace.models import Role

    communities = _communities(request.user)
    own = core.places_for(request.user, Role.RESIDENT)
    form = NeedForm(
        request.POST or None,
        request.FILES or None,
        communities=communities,
        initial={"community": own[0] if own else None},
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "photos"}
        with transaction.atomic():
            need = services.need_submit(user=request.user, **data)
            photos_add(need=need, user=request.user, files=form.cleaned_data["photos"])
        messages.success(request, _("需求已提交，社区工作者审核后将公开。"))
        return redirect("needs:detail", pk=need.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "needs/need_form.html", {"form": form}, status=status)


@require_POST
@login_required
def need_endorse(request, pk):
    services.need_endorse(need=_need(pk), user=request.user)
    messages.success(request, _("附议成功，感谢您的支持。"))
    return redirect("needs:detail", pk=pk)


@require_POST
@login_required
def need_follow(request, pk):
    need = _need(pk)
    if not rules.can_see(need, request.user):
        raise PermissionDenied
    services.need_follow(need=need, user=request.user, follow=request.POST.get("follow") != "0")
    return redirect("needs:detail", pk=pk)


@require_POST
@login_required
def need_withdraw(request, pk):
    services.need_withdraw(need=_need(pk), user=request.user)
    messages.success(request, _("需求已撤回。"))
    return redirect("needs:mine")


@login_required
def my_needs(request):
    needs = list(selectors.my_needs(request.user)[:50])
    timelines = selectors.timelines(needs)
    rows = [(n, timelines.get(n.pk, [])) for n in needs]
    return render(request, "needs/my_needs.html", {"rows": rows})


def need_photo(request, pk, photo_id):
    need = _need(pk)
    if not rules.can_see(need, request.user):
        raise Http404
    photo = get_object_or_404(need.photos, pk=photo_id)
    return FileResponse(photo.image.open("rb"))
