"""Password sign-in limits wired to Django's auth signals, and their daily clean-up."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from . import scheduling
from .services import signin_limits


@receiver(user_login_failed, dispatch_uid="count_failed_sign_in")
def count_failed_sign_in(sender, credentials, request=None, **kwargs):
    signin_limits.record_failure(credentials.get("username", ""), signin_limits.client_ip(request))


@receiver(user_logged_in, dispatch_uid="clear_failed_sign_ins")
def clear_failed_sign_ins(sender, request, user, **kwargs):
    signin_limits.clear(user)


@scheduling.register("marketplace.purge_sign_in_failures")
def purge_sign_in_failures() -> int:
    return signin_limits.purge()
