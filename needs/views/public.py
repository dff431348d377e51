"""Residents' pages: browse, read, post, endorse, follow, my needs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
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
    reviewer = rules.can_review(need, request.user)
    # The review steps the state machine allows now (drawn for the need's reviewers only).
    steps = {t.name for t in need.get_available_state_transitions()} if reviewer else set()
    context = {
        "need": need,
        "private": private,
        "reviewer": reviewer,
        "can_merge": "merge" in steps,
        "can_out_of_scope": "out_of_scope" in steps,
        "merge_targets": selectors.merge_targets_for(need) if "merge" in steps else [],
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


@login_required
def need_create(request):
    """The need form; the community is the resident's own, one of their street's, or one
    picked from the place tree (`?community=<code>`, see community_pick)."""
    from marketplace import rules as core
    from marketplace.models import Role

    picked = request.POST.get("community") or request.GET.get("community", "")
    own = core.places_for(request.user, Role.RESIDENT)
    form = NeedForm(
        request.POST or None,
        request.FILES or None,
        communities=selectors.form_communities(request.user, picked),
        initial={"community": picked or (own[0].code if own else "")},
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "photos"}
        try:
            with transaction.atomic():
                need = services.need_submit(user=request.user, **data)
                photos_add(need=need, user=request.user, files=form.cleaned_data["photos"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("需求已提交，社区工作者审核后将公开。"))
            return redirect("needs:detail", pk=need.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "needs/need_form.html", {"form": form}, status=status)


@login_required
def community_pick(request):
    """Pick the need's community from the place tree, one level a page (no JavaScript):
    州市 → 县区 → 乡镇街道 → 社区/村; a community goes back to the form."""
    code = request.GET.get("place", "")
    place = Place.objects.filter(code=code).first() if code.isdigit() else None
    place = place or core_selectors.top_place()
    if place is None:
        raise Http404
    if place.is_community:
        return redirect(f"{reverse('needs:create')}?community={place.code}")
    ancestors, children = core_selectors.place_steps(place)
    context = {"place": place, "ancestors": ancestors, "children": children}
    return render(request, "needs/community_pick.html", context)


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
    page = Paginator(selectors.my_needs(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    timelines = selectors.timelines(page.object_list)
    rows = [(n, timelines.get(n.pk, [])) for n in page.object_list]
    return render(request, "needs/my_needs.html", {"rows": rows, "page": page})


def need_photo(request, pk, photo_id):
    need = _need(pk)
    if not rules.can_see(need, request.user):
        raise Http404
    photo = get_object_or_404(need.photos, pk=photo_id)
    return FileResponse(photo.image.open("rb"))
