from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
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
def password_set(request):
    """设置/修改密码. An account made by phone-code sign-in has no password: its owner has just
    proved the phone, so sets one without an old one; otherwise the old one is asked for."""
    user = request.user
    has_password = user.has_usable_password()
    form_class = PasswordChangeForm if has_password else SetPasswordForm
    form, status = form_class(user), 200
    if request.method == "POST":
        form = form_class(user, request.POST)
        if form.is_valid():
            form.save()
            update_session_auth_hash(request, form.user)  # stay signed in here
            messages.success(request, _("密码已保存。以后也可以用手机号和密码登录。"))
            return redirect("my_work")
        status = 400
    # Django's help is an HTML list of every validator; one plain sentence reads better.
    form.fields["new_password1"].help_text = _("至少 8 位，不要使用常见密码或纯数字。")
    context = {"form": form, "has_password": has_password}
    return render(request, "registration/password_set.html", context, status=status)


@login_required
def notifications(request):
    notes = request.user.notifications.all()[:100]
    return render(request, "marketplace/notifications.html", {"notifications": notes})


@login_required
@require_POST
def notifications_read(request):
    request.user.notifications.filter(read_at__isnull=True).update(read_at=clock.now())
    return redirect("notifications")
