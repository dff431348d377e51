from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from ..forms import CodeForm, PhoneForm
from ..services.otp import otp_request, otp_verify
from ..workflow import WorkflowError


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if ok else "/my/"


def phone_login(request):
    """Step 1: ask for a code; step 2: enter it. Errors re-render with status 400/429."""
    form, status = PhoneForm(), 200
    if request.method == "POST" and "code" not in request.POST:
        form = PhoneForm(request.POST)
        if form.is_valid():
            try:
                otp_request(phone=form.cleaned_data["phone"])
                form = CodeForm(initial={"phone": form.cleaned_data["phone"]})
            except WorkflowError as exc:
                form.add_error("phone", exc.message)
                status = exc.status
        else:
            status = 400
    elif request.method == "POST":
        form = CodeForm(request.POST)
        if form.is_valid():
            try:
                user = otp_verify(**form.cleaned_data)
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                return redirect(_next(request))
            except WorkflowError as exc:
                form.add_error("code", exc.message)
                status = exc.status
        else:
            status = 400
    context = {"form": form, "next": _next(request)}
    return render(request, "registration/phone_login.html", context, status=status)
