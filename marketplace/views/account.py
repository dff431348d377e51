from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import clock, panels, rules, selectors


@login_required
def my_work(request):
    """The page after login: what is waiting for this user, contributed by each stage."""
    return render(
        request,
        "marketplace/my_work.html",
        {
            "roles": rules.assignments(request.user),
            "projects": selectors.projects_for_user(request.user)[:20],
            "panels": panels.render_context("my_work", None, request.user),
            "notifications": request.user.notifications.all()[:5],
        },
    )


@login_required
def notifications(request):
    notes = request.user.notifications.all()[:100]
    return render(request, "marketplace/notifications.html", {"notifications": notes})


@login_required
@require_POST
def notifications_read(request):
    request.user.notifications.filter(read_at__isnull=True).update(read_at=clock.now())
    return redirect("notifications")
