from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.http import Http404
from django.shortcuts import redirect

from ..devlogin import LOOPBACK, read_link


def dev_login(request, token):
    """Sign in through a `screenshot_link` token: DEBUG and loopback only; 404 otherwise."""
    found = read_link(token) if settings.DEBUG else None
    if found is None or request.META.get("REMOTE_ADDR") not in LOOPBACK:
        raise Http404
    user_pk, next_path = found
    user = get_user_model().objects.filter(pk=user_pk, is_active=True).first()
    if user is None:
        raise Http404
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect(next_path)
